namespace Regurgitate.Benchmarks;

/// <summary>Command-line option lookup shared by the benchmarks.</summary>
internal static class BenchmarkOptions
{
    public static string Option(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
