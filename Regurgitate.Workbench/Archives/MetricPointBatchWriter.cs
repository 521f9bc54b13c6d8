using System.Data.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Archives;

/// <summary>
/// Inserts an import's metric points in short transactions: each commits after <see cref="ArchiveOptions.MaxBatchRows"/>
/// rows or <see cref="ArchiveOptions.MaxWriteLockHold"/>, whichever comes first, then pauses for
/// <see cref="ArchiveOptions.PauseBetweenBatches"/> so that a live run waiting for SQLite's write lock gets it. Records
/// how long each batch held the lock (from BEGIN IMMEDIATE to the end of COMMIT).
/// </summary>
internal sealed class MetricPointBatchWriter : IAsyncDisposable
{
    private static readonly DateTimeOffsetToBinaryConverter TimestampConverter = new();

    private readonly DbConnection connection;
    private readonly ArchiveOptions limits;
    private readonly TimeProvider timeProvider;
    private readonly Func<ArchiveImportStep, CancellationToken, Task> batchCommitted;
    private readonly DbCommand insert;
    private readonly DbParameter run, step, name, value, timestamp;
    private DbTransaction? transaction;
    private long began;
    private int rows;

    public MetricPointBatchWriter(DbConnection connection, IOptions<ArchiveOptions> options, TimeProvider timeProvider, Func<ArchiveImportStep, CancellationToken, Task> batchCommitted)
    {
        this.connection = connection;
        limits = options.Value;
        this.timeProvider = timeProvider;
        this.batchCommitted = batchCommitted;
        insert = connection.CreateCommand();
        // Quoted names and @parameters: the same text on SQLite and on PostgreSQL (which folds unquoted names to lower case).
        insert.CommandText = "INSERT INTO \"MetricPoints\" (\"RunId\", \"Step\", \"Name\", \"Value\", \"Timestamp\") VALUES (@run, @step, @name, @value, @timestamp)";
        run = AddParameter("@run");
        step = AddParameter("@step");
        name = AddParameter("@name");
        value = AddParameter("@value");
        timestamp = AddParameter("@timestamp");
    }

    public long Inserted { get; private set; }
    public int Batches { get; private set; }
    public TimeSpan LongestHold { get; private set; }

    public async Task AddAsync(int runId, ArchiveMetricPoint point, CancellationToken cancellationToken)
    {
        if (transaction is null)
        {
            // Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE: the write lock is taken here, waiting out a live run's save.
            transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            began = timeProvider.GetTimestamp();
            insert.Transaction = transaction;
        }

        run.Value = runId;
        step.Value = point.Step;
        name.Value = point.Name;
        value.Value = point.Value;
        timestamp.Value = TimestampConverter.ConvertToProvider(point.Timestamp);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        Inserted++;
        if (++rows >= limits.MaxBatchRows || timeProvider.GetElapsedTime(began) >= limits.MaxWriteLockHold)
        {
            await CommitAsync(cancellationToken).ConfigureAwait(false);
            await Task.Delay(limits.PauseBetweenBatches, timeProvider, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Commits the open batch, if any (the last one, without a pause after it).</summary>
    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (transaction is null)
        {
            return;
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var held = timeProvider.GetElapsedTime(began);
        LongestHold = held > LongestHold ? held : LongestHold;
        Batches++;
        await transaction.DisposeAsync().ConfigureAwait(false);
        transaction = null;
        rows = 0;
        await batchCommitted(ArchiveImportStep.PointsCommitted, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An uncommitted batch is rolled back (its rows were never visible).</summary>
    public async ValueTask DisposeAsync()
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync().ConfigureAwait(false);
        }

        await insert.DisposeAsync().ConfigureAwait(false);
    }

    private DbParameter AddParameter(string name)
    {
        var parameter = insert.CreateParameter();
        parameter.ParameterName = name;
        insert.Parameters.Add(parameter);
        return parameter;
    }
}
