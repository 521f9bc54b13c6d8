
namespace Regurgitate.Cli.Tests;

/// <summary><c>regurgitate run spec.json --dry-run</c> checks a spec against its corpus and stores nothing.</summary>
public sealed class RunDryRunTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("regurgitate-cli-dry-run-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    [Fact]
    public async Task The_iterated_generations_spec_passes_a_dry_run_that_prints_each_generation_and_creates_no_database()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(SolutionRoot(), "specs", "iterated-generations.json");

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", spec, "--dry-run", "--content-root", dir], output, error);

        Assert.True(code == 0, output.ToString() + error);
        var printed = output.ToString();
        Assert.Contains("is valid and fits corpus 'multi30k': 18 grid runs (6 conditions × 1 size × 3 seeds), budget: matched-steps", printed, StringComparison.Ordinal);
        Assert.Contains("generator 'gen2-replace', generation 2 (replace): 2,000 pairs, slice 2 by gen1 (2,000); translates experiment sources (4,000) + slice 3 (2,000) for generation 3", printed, StringComparison.Ordinal);
        Assert.Contains("generator 'gen3-accumulate', generation 3 (accumulate): 6,000 pairs, slice 1 real (2,000) + slice 2 by gen1 (2,000) + slice 3 by gen2-accumulate (2,000); translates experiment sources (4,000)", printed, StringComparison.Ordinal);
        Assert.Matches(@"Estimated 0:2\d:\d\d on this machine\. Dry run: nothing was stored or trained\.", printed);
        Assert.False(Directory.Exists(Path.Combine(dir, "App_Data")), "a dry run created App_Data");
    }

    [Fact]
    public async Task The_fine_tuning_spec_passes_a_dry_run_that_prints_its_pretraining()
    {
        await File.WriteAllTextAsync(Path.Combine(dir, "appsettings.json"), System.Text.Json.JsonSerializer.Serialize(new
        {
            Regurgitate = new { Data = new { DataDirectory = SharedFolders.Data } },
            ConnectionStrings = new { Regurgitate = "Data Source=App_Data/regurgitate.db" },
        }));
        var spec = Path.Combine(SolutionRoot(), "specs", "fine-tuning.json");

        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(["run", spec, "--dry-run", "--content-root", dir], output, error);

        Assert.True(code == 0, output.ToString() + error);
        var printed = output.ToString();
        Assert.Contains("is valid and fits corpus 'multi30k': 27 grid runs (3 conditions × 3 sizes × 3 seeds), budget: matched-steps", printed, StringComparison.Ordinal);
        Assert.Contains("pretraining: 20,000 pairs of 'newstest' (seed 7), scored on the 'multi30k' test set before fine-tuning (the size-0 point); every grid run starts from it and uses its tokenizer", printed, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(dir, "App_Data")), "a dry run created App_Data");
    }

    private static string SolutionRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Regurgitate.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No Regurgitate.sln above {AppContext.BaseDirectory}.");
    }
}
