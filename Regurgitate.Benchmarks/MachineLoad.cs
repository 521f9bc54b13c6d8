namespace Regurgitate.Benchmarks;

/// <summary>The machine's load, which the benchmarks print beside their figures (the README quotes it with them).</summary>
internal static class MachineLoad
{
    /// <summary>The 1-, 5- and 15-minute load averages (/proc/loadavg); "?" where there is none.</summary>
    public static string Averages() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";
}
