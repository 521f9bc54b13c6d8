using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Regurgitate.Testing;

/// <summary>
/// <c>regurgitate</c> as a real child process, for tests that kill or signal it (what an in-process run cannot show).
/// Its output is read as it comes: a redirected pipe nobody reads fills up and blocks the process mid-write. Reading
/// the output never ends the process, so a failure message can be built while it still runs. Disposing kills it.
/// </summary>
public sealed class CliProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private CliProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public int ExitCode => process.ExitCode;

    /// <summary>Standard output and error so far, interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static CliProcess Start(params string[] arguments) => StartAssembly(CliAssembly, arguments);

    /// <summary>Another program of the solution the same way, e.g. the benchmarks' own worker (<c>dotnet PATH.dll arguments</c>).</summary>
    public static CliProcess StartAssembly(string assembly, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(assembly);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var child = new CliProcess(new Process { StartInfo = start });
        child.process.OutputDataReceived += (_, e) => child.Append(e.Data);
        child.process.ErrorDataReceived += (_, e) => child.Append(e.Data);
        child.process.Start();
        child.process.BeginOutputReadLine();
        child.process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Sends SIGTERM, as a service manager or <c>kill</c> does.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    /// <summary>SIGKILL, as the OOM killer or a power cut would end it; returns once it is gone.</summary>
    public async Task KillAsync()
    {
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    /// <summary>Waits for the process to end and its output to be read to the end; false when it is still running after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    /// <summary>
    /// The command line built beside the calling test assembly (same configuration, framework and runtime folder);
    /// this file is also compiled into the web tests, which start it next to the dashboard.
    /// </summary>
    private static string CliAssembly
    {
        get
        {
            var solution = new DirectoryInfo(AppContext.BaseDirectory);
            while (solution is not null && !File.Exists(Path.Combine(solution.FullName, "Regurgitate.sln")))
            {
                solution = solution.Parent;
            }

            if (solution is null)
            {
                throw new DirectoryNotFoundException($"No Regurgitate.sln above {AppContext.BaseDirectory}.");
            }

            // e.g. Regurgitate.Web.Tests/bin/Debug/net10.0/linux-x64 -> Regurgitate.Cli/bin/Debug/net10.0/linux-x64
            var outputSuffix = Path.GetRelativePath(solution.FullName, AppContext.BaseDirectory).Split(Path.DirectorySeparatorChar, 2)[1];
            var path = Path.Combine(solution.FullName, "Regurgitate.Cli", outputSuffix, "regurgitate.dll");
            return File.Exists(path) ? path : throw new FileNotFoundException($"The command line is not built where expected: {path}");
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}
