using Regurgitate.Engine.Hosted;
using Regurgitate.Engine.Progress;
using Regurgitate.Engine.Tests.Data;
using static Regurgitate.Engine.Tests.Hosted.HostedTestSupport;

namespace Regurgitate.Engine.Tests.Hosted;

/// <summary>
/// A backend "killed" at each step (its journal closed mid-way, as a dead process leaves it) and a new one started
/// over the same folder: it finishes the job with 0 duplicate uploads or jobs on the server.
/// </summary>
public sealed class HostedFineTuningRestartTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Killed_after_the_job_was_created_resumes_polling_the_same_job()
    {
        await using var server = new FakeOpenAiServer { PollsToFinish = 4 };
        await KillAt(server, p => p.Stage == HostedFineTuningProgress.JobStage && p.Status == "created");
        Assert.Equal(1, server.JobsCreated);
        Assert.Equal("validating_files", server.Jobs.Single().Status); // killed before its first poll

        var result = await Resume(server);

        Assert.Equal("ftjob-0001", result.JobId);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.JobsCreated);
        Assert.Equal(1, server.CountOf("POST", "/fine_tuning/jobs"));
        Assert.Equal(1, server.CountOf("POST", "/files"));
    }

    [Fact]
    public async Task Killed_while_polling_a_running_job_polls_it_again_to_its_end()
    {
        await using var server = new FakeOpenAiServer { PollsToFinish = 5 };
        await KillAt(server, p => p.Stage == HostedFineTuningProgress.JobStage && p.Status == "running");
        Assert.Equal("running", server.Jobs.Single().Status);

        var result = await Resume(server);

        Assert.Equal("ft:gpt-35-turbo-0125:regurgitate::ftjob-0001", result.FineTunedModel);
        Assert.Equal((1, 1), (server.Uploads, server.JobsCreated));
        Assert.Equal(HostedJournalPhases.Succeeded, HostedJournal.Read(folder.Path).Last().Phase);
    }

    [Fact]
    public async Task Killed_after_the_upload_reuses_the_file()
    {
        await using var server = new FakeOpenAiServer();
        await KillAt(server, p => p.Stage == HostedFineTuningProgress.UploadStage);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(0, server.JobsCreated);

        var result = await Resume(server);

        Assert.Equal("file-0001", result.FileId);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.JobsCreated);
        Assert.Equal(1, server.CountOf("POST", "/files"));
    }

    [Fact]
    public async Task Killed_while_the_upload_was_in_flight_finds_the_file_on_the_server_instead_of_sending_it_again()
    {
        // The provider stored the file, but the connection died before its id came back; no retry in that process.
        await using var server = new FakeOpenAiServer { Faults = c => c is { Method: "POST", Route: "/files", Attempt: 1 } ? FakeOpenAiFault.Dropped : null };
        var options = Options(server);
        options.MaxRetries = 0;
        await using (var first = new HostedFineTuningBackend(options, folder.Path))
        {
            await Assert.ThrowsAsync<HostedFineTuningException>(() => first.RunAsync(Job(), null, CancellationToken.None));
        }

        Assert.Equal(HostedJournalPhases.Sent, HostedJournal.Read(folder.Path).Last().Phase);

        var result = await Resume(server);

        Assert.Equal("file-0001", result.FileId);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.CountOf("POST", "/files"));
        Assert.Contains(HostedJournal.Read(folder.Path), r => r.Status?.StartsWith("found on the server", StringComparison.Ordinal) == true && r.Kind == HostedJournalEntry.UploadKind);
    }

    [Fact]
    public async Task Killed_while_the_job_creation_was_in_flight_adopts_the_job_the_provider_created()
    {
        await using var server = new FakeOpenAiServer { Faults = c => c is { Method: "POST", Route: "/fine_tuning/jobs", Attempt: 1 } ? FakeOpenAiFault.Dropped : null };
        var options = Options(server);
        options.MaxRetries = 0;
        await using (var first = new HostedFineTuningBackend(options, folder.Path))
        {
            await Assert.ThrowsAsync<HostedFineTuningException>(() => first.RunAsync(Job(), null, CancellationToken.None));
        }

        Assert.Equal(1, server.JobsCreated);
        var last = HostedJournal.Read(folder.Path).Last();
        Assert.Equal((HostedJournalEntry.JobKind, HostedJournalPhases.Sent), (last.Kind, last.Phase));

        var result = await Resume(server);

        Assert.Equal("ftjob-0001", result.JobId);
        Assert.Equal(1, server.JobsCreated);
        Assert.Equal(1, server.CountOf("POST", "/fine_tuning/jobs"));
    }

    [Fact]
    public async Task Grid_points_sharing_a_training_file_share_the_upload_and_each_adopts_only_its_own_job()
    {
        // Seeds 1 and 2 of one condition and size: the same pairs, one file, two jobs. Seed 2's creation reply is lost.
        await using var server = new FakeOpenAiServer { Faults = c => c is { Method: "POST", Route: "/fine_tuning/jobs", Attempt: 2 } ? FakeOpenAiFault.Dropped : null };
        var options = Options(server);
        options.MaxRetries = 0;
        await using (var first = new HostedFineTuningBackend(options, folder.Path))
        {
            Assert.Equal("ftjob-0001", (await first.RunAsync(Job("seed1", seed: 1), null, CancellationToken.None)).JobId);
            await Assert.ThrowsAsync<HostedFineTuningException>(() => first.RunAsync(Job("seed2", seed: 2), null, CancellationToken.None));
        }

        await using var rerun = new HostedFineTuningBackend(Options(server), folder.Path);
        var second = await rerun.RunAsync(Job("seed2", seed: 2), null, CancellationToken.None);

        Assert.Equal("ftjob-0002", second.JobId);
        Assert.Equal(2, (int?)server.Jobs.Single(j => j.Id == second.JobId).Request["seed"]);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(2, server.JobsCreated);
    }

    [Fact]
    public async Task A_finished_job_is_answered_from_the_journal_without_calling_the_provider()
    {
        await using var server = new FakeOpenAiServer();
        var first = await Resume(server);
        var calls = server.Calls.Count;

        var again = await Resume(server);

        Assert.Equal(first, again);
        Assert.Equal(calls, server.Calls.Count);
    }

    [Fact]
    public async Task A_job_whose_journal_row_was_cut_by_the_crash_is_still_found_and_not_created_twice()
    {
        await using var server = new FakeOpenAiServer { PollsToFinish = 4 };
        await KillAt(server, p => p.Stage == HostedFineTuningProgress.JobStage && p.Status == "created");
        // The crash came while the "accepted" row was being written: its line has no newline.
        var path = Path.Combine(folder.Path, HostedJournal.FileName);
        var text = await File.ReadAllTextAsync(path);
        var lastLine = text.TrimEnd('\n').LastIndexOf('\n') + 1;
        await File.WriteAllTextAsync(path, text[..(lastLine + 20)]);

        var result = await Resume(server);

        Assert.Equal("ftjob-0001", result.JobId);
        Assert.Equal(1, server.JobsCreated);
    }

    private async Task KillAt(FakeOpenAiServer server, Func<HostedFineTuningProgress, bool> when)
    {
        using var kill = new CancellationTokenSource();
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);
        var progress = new SynchronousProgress<HostedFineTuningProgress>(p =>
        {
            if (when(p))
            {
                kill.Cancel();
            }
        });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => backend.RunAsync(Job(), progress, kill.Token));
    }

    private async Task<HostedFineTuningResult> Resume(FakeOpenAiServer server)
    {
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);
        return await backend.RunAsync(Job(), null, CancellationToken.None);
    }
}
