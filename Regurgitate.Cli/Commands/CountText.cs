namespace Regurgitate.Cli.Commands;

/// <summary>Counts in the commands' output: "1 run", "3 runs".</summary>
public static class CountText
{
    public static string Of(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
