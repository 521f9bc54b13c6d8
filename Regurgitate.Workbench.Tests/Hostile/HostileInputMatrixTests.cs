using Regurgitate.Workbench.Datasets;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>
/// Issue 8: one table of hostile inputs, each driven through the entry point the product uses (the dataset importer
/// over a migrated SQLite database, spec parsing + <see cref="IExperimentService.CreateAsync"/>, the synthetic-set
/// builder over imported system outputs and over the LLM generator against a fake chat server). Every refused input
/// must say what is wrong (file and line, field path, or failure kind), and leave every table and the datasets folder
/// exactly as they were. The two accepted-by-design inputs (UTF-8 BOM, CRLF) and sanitised upload names assert
/// acceptance instead.
/// </summary>
public sealed class HostileInputMatrixTests
{
    private const string CatalogCache = DatasetCatalogScanner.CacheFileName;

    private static readonly HostileCase[] All = [.. HostileImportCases.All, .. HostileSpecCases.All, .. HostileExternalInputCases.All];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in All)
        {
            data.Add(c.Name);
        }

        return data;
    }

    [Fact]
    public void The_matrix_has_at_least_twenty_distinct_cases()
    {
        Assert.True(All.Length >= 20, $"{All.Length} cases");
        Assert.Equal(All.Length, All.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_hostile_input_is_refused_naming_the_problem_and_changes_nothing_unless_accepted_by_design(string name)
    {
        var hostile = All.Single(c => c.Name == name);
        await using var bench = await HostileBench.CreateAsync(hostile.MaxImportBytes);
        if (hostile.Seed is not null)
        {
            await hostile.Seed(bench);
        }

        var before = await bench.SnapshotAsync();
        await hostile.Act(bench);
        var after = await bench.SnapshotAsync();

        Assert.DoesNotContain(after.Files, f => f.Contains(".staging-", StringComparison.Ordinal));
        if (hostile.Outcome == HostileOutcome.Unchanged)
        {
            Assert.Equal(before.Tables, after.Tables);
            Assert.Equal(before.Files, after.Files);
        }
        else
        {
            var changed = after.Tables.Keys.Where(t => before.Tables[t] != after.Tables[t]).ToList();
            Assert.Equal(["Datasets"], changed);
            Assert.Equal(before.Tables["Datasets"].Rows + 1, after.Tables["Datasets"].Rows);
            // The catalogue's cache file is rewritten when a dataset is catalogued; everything else new is the dataset's own folder.
            var added = after.Files.Except(before.Files).Where(f => f != CatalogCache).ToList();
            Assert.NotEmpty(added);
            var folder = Assert.Single(added.Select(f => string.Join('/', f.Split('/').Take(2))).Distinct());
            Assert.StartsWith("imported/", folder, StringComparison.Ordinal);
            Assert.Empty(before.Files.Except(after.Files));
        }
    }
}
