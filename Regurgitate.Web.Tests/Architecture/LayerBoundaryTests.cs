using System.Text.RegularExpressions;
using Regurgitate.Web.Tests.TestSupport;

namespace Regurgitate.Web.Tests.Architecture;

/// <summary>
/// The layers as the README draws them, read from the source: the front ends reach stored data only through Workbench
/// services, and the Engine knows nothing of the Workbench or a UI.
/// </summary>
public sealed partial class LayerBoundaryTests
{
    [Theory]
    [InlineData("Regurgitate.Web")]
    [InlineData("Regurgitate.Cli")]
    public void Front_ends_read_and_write_stored_data_only_through_workbench_services(string project) =>
        AssertNoFileMatches(project, DbContextUse(), $"{project} uses the DbContext directly in");

    [Theory]
    [InlineData("Regurgitate.Web")]
    [InlineData("Regurgitate.Cli")]
    public void Front_ends_ask_the_dataset_catalogue_instead_of_the_engines_lists(string project) =>
        AssertNoFileMatches(project, EngineDatasetList(), $"{project} reads the engine's dataset lists instead of IDatasetCatalog in");

    [Fact]
    public void The_engine_references_neither_the_workbench_nor_a_front_end() =>
        AssertNoFileMatches("Regurgitate.Engine", FrontEndOrWorkbench(), "The Engine refers to an outer layer in");

    private static void AssertNoFileMatches(string project, Regex pattern, string failure)
    {
        var offenders = SourceFiles(project)
            .Where(file => pattern.IsMatch(File.ReadAllText(file)))
            .Select(file => Path.GetRelativePath(RepositoryPaths.SolutionRoot, file))
            .ToList();

        Assert.True(offenders.Count == 0, $"{failure}: {string.Join(", ", offenders)}");
    }

    private static IEnumerable<string> SourceFiles(string project)
    {
        var root = Path.Combine(RepositoryPaths.SolutionRoot, project);
        Assert.True(Directory.Exists(root), root);
        return Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories)
            .Where(file => file.EndsWith(".cs", StringComparison.Ordinal) || file.EndsWith(".razor", StringComparison.Ordinal))
            .Where(file => !file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"\b(RegurgitateDbContext|IDbContextFactory)\b")]
    private static partial Regex DbContextUse();

    // The static lists, not the CorpusCatalog instance, which resolves files against the configured data directory.
    [GeneratedRegex(@"\b(CorpusCatalog\.(Corpora|Find|Get)|ImportedSystemCatalog|KnownCorpusDownloads)\b")]
    private static partial Regex EngineDatasetList();

    [GeneratedRegex(@"\bRegurgitate\.(Workbench|Web|Cli)\b")]
    private static partial Regex FrontEndOrWorkbench();
}
