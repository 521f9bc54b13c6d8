namespace Regurgitate.Cli.Tests;

/// <summary>Runs the command line in this process and captures what it writes, for tests that need no child process.</summary>
internal static class InProcessCli
{
    public static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
