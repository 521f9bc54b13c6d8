using System.Diagnostics;
using System.Net;
using System.Text;

namespace Regurgitate.Web.Tests.TestSupport;

/// <summary>
/// The real web app as a child process on a free loopback port, with its own database and runs folder. Its output is
/// kept so that a failing test can show it. Disposing kills the process tree.
/// </summary>
public sealed class WebAppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private WebAppProcess(Process process, Uri baseAddress)
    {
        this.process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    /// <summary>The app's process (the <c>dotnet</c> host runs the app in-process), e.g. to read its memory from /proc.</summary>
    public int ProcessId => process.Id;

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

    /// <param name="environment">Extra environment variables for the app (e.g. settings under test).</param>
    /// <param name="listenHost">Host part of the URL the app binds (default 127.0.0.1); the tests always connect through 127.0.0.1.</param>
    public static async Task<WebAppProcess> StartAsync(string databaseFile, string runsDirectory, IReadOnlyDictionary<string, string>? environment = null, string listenHost = "127.0.0.1")
    {
        var port = LoopbackPort.Free();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var startInfo = CreateStartInfo(databaseFile, runsDirectory, $"http://{listenHost}:{port}", environment);
        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var app = new WebAppProcess(process, baseAddress);
        process.OutputDataReceived += (_, e) => app.Append(e.Data);
        process.ErrorDataReceived += (_, e) => app.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await app.WaitUntilServingAsync(TimeSpan.FromSeconds(60));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return app;
    }

    /// <summary>Runs the app expecting it to refuse to start; returns its exit code and output.</summary>
    public static async Task<(int ExitCode, string Output)> RunUntilExitAsync(string databaseFile, string runsDirectory, IReadOnlyDictionary<string, string>? environment, string listenHost, TimeSpan timeout)
    {
        var startInfo = CreateStartInfo(databaseFile, runsDirectory, $"http://{listenHost}:{LoopbackPort.Free()}", environment);
        using var process = new Process { StartInfo = startInfo };
        process.Start();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    private static ProcessStartInfo CreateStartInfo(string databaseFile, string runsDirectory, string urls, IReadOnlyDictionary<string, string>? environment)
    {
        var startInfo = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.WebProject,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        startInfo.ArgumentList.Add(RepositoryPaths.WebAssembly);
        startInfo.ArgumentList.Add("--urls");
        startInfo.ArgumentList.Add(urls);
        startInfo.ArgumentList.Add("--contentRoot");
        startInfo.ArgumentList.Add(RepositoryPaths.WebProject);
        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["ConnectionStrings__Regurgitate"] = $"Data Source={databaseFile}";
        startInfo.Environment["Regurgitate__Runs__RunsDirectory"] = runsDirectory;
        startInfo.Environment["Regurgitate__Data__DataDirectory"] = SharedFolders.Data;
        startInfo.Environment["Regurgitate__Data__DatasetsDirectory"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runsDirectory))!, "datasets");
        startInfo.Environment["Regurgitate__Experiments__ExperimentsDirectory"] = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(runsDirectory))!, "experiments");
        startInfo.Environment["Logging__LogLevel__Default"] = "Information";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[key] = value;
        }

        return startInfo;
    }

    /// <summary>
    /// Sends SIGTERM, as a service manager or <c>docker stop</c> does, and waits up to <paramref name="timeout"/> for the
    /// app to exit; returns how long it took, or null when it was still running.
    /// </summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await process.WaitForExitAsync().WaitAsync(timeout);
            return clock.Elapsed;
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
        }

        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        process.Dispose();
    }

    private async Task WaitUntilServingAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The web app exited with code {process.ExitCode} before serving.\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/runs", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening but too busy to answer within the probe's timeout (a loaded machine): ask again.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"The web app did not serve {BaseAddress} within {timeout}.\n{Output}");
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
