using System.CommandLine;
using Regurgitate.Cli.Commands;

namespace Regurgitate.Cli;

/// <summary>
/// The <c>regurgitate</c> command line. Each sub-command lives in <c>Commands/</c> and is a thin shell over the
/// engine; <see cref="Run"/> runs one command line in-process against the given writers (tests use it directly).
/// </summary>
public static class CliApp
{
    /// <summary>
    /// How long a command may take to wind down after Ctrl+C or SIGTERM before the process exits anyway. The default (2 s)
    /// ended <c>regurgitate run</c> mid-checkpoint; this matches the host's default shutdown timeout, while a run
    /// normally stops within one training step.
    /// </summary>
    public static readonly TimeSpan StopGracePeriod = TimeSpan.FromSeconds(30);

    public static RootCommand CreateRoot(TextWriter output, TextWriter error)
    {
        var root = new RootCommand("Regurgitate: machine-translation experiments and sacreBLEU-compatible scoring.");
        root.Subcommands.Add(ScoreCommand.Create(output, error));
        root.Subcommands.Add(RunCommand.Create(output, error));
        root.Subcommands.Add(TranslateCommand.Create(output, error));
        root.Subcommands.Add(GenerateCommand.Create(output, error));
        root.Subcommands.Add(ExperimentCommand.Create(output, error));
        root.Subcommands.Add(RunsCommand.Create(output, error));
        root.Subcommands.Add(WorkerCommand.Create(output, error));
        return root;
    }

    public static Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        return CreateRoot(output, error).Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = StopGracePeriod }, cancellationToken);
    }

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = CreateRoot(output, error);
        var parsed = root.Parse(args);
        return parsed.Invoke(new InvocationConfiguration { Output = output, Error = error, ProcessTerminationTimeout = StopGracePeriod });
    }
}
