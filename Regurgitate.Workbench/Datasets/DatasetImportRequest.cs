using Regurgitate.Engine.Data;

namespace Regurgitate.Workbench.Datasets;

/// <summary>What the user says about a dataset being imported. The id is derived from <see cref="Name"/> (<c>imported/&lt;slug&gt;</c>).</summary>
public sealed record DatasetImportRequest
{
    public required string Name { get; init; }
    public string? Description { get; init; }
    public string? Origin { get; init; }
    public string? Licence { get; init; }

    /// <summary>Null: recognised from the file extension (<c>.de/.en</c>, <c>.tsv</c>, <c>.jsonl</c>, each optionally <c>.gz</c>).</summary>
    public ParallelFormat? Format { get; init; }

    public JsonlFields? JsonlFields { get; init; }
}

/// <summary>An uploaded file: the name the browser gave (untrusted) and its content.</summary>
public sealed record ImportUpload(string FileName, Stream Content);

/// <summary>A completed import: the catalogue record and what the reader reported (pairs, skipped lines).</summary>
public sealed record DatasetImportResult(DatasetRecordView Dataset, string Report);

/// <summary>The essentials of a catalogued dataset, without the entity's tracking.</summary>
public sealed record DatasetRecordView(string Id, string Name, int Pairs, long Bytes, string? Sha256);

/// <summary>An import was refused; the message is for the user (names the file and line where there is one). Nothing was written.</summary>
public sealed class DatasetImportException : Exception
{
    public DatasetImportException(string message)
        : base(message)
    {
    }

    public DatasetImportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DatasetImportException()
    {
    }
}
