using Regurgitate.Engine.Hosted;
using Regurgitate.Engine.Tests.Data;
using static Regurgitate.Engine.Tests.Hosted.HostedTestSupport;

namespace Regurgitate.Engine.Tests.Hosted;

/// <summary>Refusals are failures with the provider's message, never silent skips; transient failures are retried without duplicates.</summary>
public sealed class HostedFineTuningFailureTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task An_invalid_file_is_a_final_failure_with_the_provider_message_reported_again_without_a_second_upload()
    {
        await using var server = new FakeOpenAiServer { RejectFile = _ => "Invalid file format. Line 1: missing 'messages'." };
        await using (var backend = new HostedFineTuningBackend(Options(server), folder.Path))
        {
            var failure = await Assert.ThrowsAsync<HostedFineTuningException>(() => backend.RunAsync(Job(), null, CancellationToken.None));
            Assert.True(failure.IsFinal);
            Assert.Equal(400, failure.Status);
            Assert.Contains("Invalid file format. Line 1: missing 'messages'.", failure.Message, StringComparison.Ordinal);
        }

        await using (var rerun = new HostedFineTuningBackend(Options(server), folder.Path))
        {
            var again = await Assert.ThrowsAsync<HostedFineTuningException>(() => rerun.RunAsync(Job(), null, CancellationToken.None));
            Assert.Contains("missing 'messages'", again.Message, StringComparison.Ordinal);
        }

        Assert.Equal(1, server.CountOf("POST", "/files"));
        Assert.Equal(0, server.JobsCreated);
        Assert.Equal(HostedJournalPhases.Failed, HostedJournal.Read(folder.Path).Last().Phase);
    }

    [Theory]
    [InlineData("failed", "The job failed due to an invalid training file: too few examples.")]
    [InlineData("cancelled", "the job was cancelled")]
    public async Task A_failed_or_cancelled_job_is_a_journalled_failure_carrying_the_provider_message(string status, string expected)
    {
        await using var server = new FakeOpenAiServer
        {
            Outcome = _ => status == "failed" ? FakeJobOutcome.Failed("The job failed due to an invalid training file: too few examples.") : FakeJobOutcome.Cancelled,
        };
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);

        var failure = await Assert.ThrowsAsync<HostedFineTuningException>(() => backend.RunAsync(Job(), null, CancellationToken.None));

        Assert.True(failure.IsFinal);
        Assert.Contains($"ftjob-0001 of 'real/1000/seed1' {status}", failure.Message, StringComparison.Ordinal);
        Assert.Contains(expected, failure.ProviderMessage, StringComparison.Ordinal);
        var last = HostedJournal.Read(folder.Path).Last();
        Assert.Equal((HostedJournalPhases.Failed, status), (last.Phase, last.Status));
        Assert.Contains(expected, last.Failure, StringComparison.Ordinal);
        // A rerun reports the failure; it does not pay for the same job again.
        var again = await Assert.ThrowsAsync<HostedFineTuningException>(() => backend.RunAsync(Job(), null, CancellationToken.None));
        Assert.Contains(expected, again.Message, StringComparison.Ordinal);
        Assert.Equal(1, server.JobsCreated);
    }

    [Fact]
    public async Task A_429_is_retried_after_its_Retry_After_and_creates_nothing_twice()
    {
        await using var server = new FakeOpenAiServer
        {
            Faults = c => c is { Method: "POST", Route: "/fine_tuning/jobs", Attempt: 1 } ? FakeOpenAiFault.Reply(FakeOpenAiServer.RateLimited(1)) : null,
        };
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);

        var result = await backend.RunAsync(Job(), null, CancellationToken.None);

        Assert.Equal("ftjob-0001", result.JobId);
        Assert.Equal(1, server.JobsCreated);
        var creates = server.Calls.Where(c => c is { Method: "POST", Route: "/fine_tuning/jobs" }).Select(c => c.At).ToList();
        Assert.Equal(2, creates.Count);
        // Measured on the server, so a slow first call cannot make up for a wait that never happened.
        Assert.True(creates[1] - creates[0] >= TimeSpan.FromSeconds(0.95), $"retried after {creates[1] - creates[0]}, not the 1 s Retry-After");
    }

    [Fact]
    public async Task Server_errors_on_every_endpoint_are_retried_to_success()
    {
        await using var server = new FakeOpenAiServer
        {
            Faults = c => c.Attempt == 1 && c.Route is "/files" or "/files/file-0001" or "/fine_tuning/jobs" or "/fine_tuning/jobs/ftjob-0001" or "/fine_tuning/jobs/ftjob-0001/events"
                ? FakeOpenAiFault.Reply(FakeReply.ServerError(c.Route.EndsWith("events", StringComparison.Ordinal) ? 503 : 500))
                : null,
        };
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);

        var result = await backend.RunAsync(Job(), null, CancellationToken.None);

        Assert.Equal("ftjob-0001", result.JobId);
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.JobsCreated);
    }

    [Theory]
    [InlineData("/files")]
    [InlineData("/fine_tuning/jobs")]
    public async Task A_reply_cut_off_after_the_provider_created_the_object_is_adopted_on_retry_not_created_again(string route)
    {
        await using var server = new FakeOpenAiServer { Faults = c => c.Method == "POST" && c.Route == route && c.Attempt == 1 ? FakeOpenAiFault.Truncated : null };
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);

        var result = await backend.RunAsync(Job(), null, CancellationToken.None);

        Assert.Equal(("file-0001", "ftjob-0001"), (result.FileId, result.JobId));
        Assert.Equal(1, server.Uploads);
        Assert.Equal(1, server.JobsCreated);
        Assert.Equal(1, server.CountOf("POST", route));
    }

    [Fact]
    public async Task Retries_that_run_out_leave_the_request_for_a_rerun_rather_than_a_final_failure()
    {
        await using var server = new FakeOpenAiServer { Faults = c => c.Route == "/files" && c.Method == "POST" && c.Attempt <= 4 ? FakeOpenAiFault.Reply(FakeReply.ServerError()) : null };
        var options = Options(server);
        options.MaxRetries = 1;
        await using (var backend = new HostedFineTuningBackend(options, folder.Path))
        {
            var failure = await Assert.ThrowsAsync<HostedFineTuningException>(() => backend.RunAsync(Job(), null, CancellationToken.None));
            Assert.False(failure.IsFinal);
            Assert.Contains("server_error: HTTP 500", failure.Message, StringComparison.Ordinal);
        }

        options.MaxRetries = 3;
        await using (var rerun = new HostedFineTuningBackend(options, folder.Path))
        {
            var result = await rerun.RunAsync(Job(), null, CancellationToken.None);
            Assert.Equal("file-0001", result.FileId);
        }

        Assert.Equal(1, server.Uploads);
    }

    [Fact]
    public async Task Refused_credentials_name_the_key_to_check()
    {
        await using var server = new FakeOpenAiServer { Faults = _ => FakeOpenAiFault.Reply(new FakeReply(401, """{"error":{"message":"Incorrect API key provided."}}""")) };
        await using var backend = new HostedFineTuningBackend(Options(server), folder.Path);

        var failure = await Assert.ThrowsAsync<HostedFineTuningException>(() => backend.RunAsync(Job(), null, CancellationToken.None));

        Assert.Contains("Regurgitate:HostedFineTuning:ApiKey", failure.Message, StringComparison.Ordinal);
        Assert.Contains("Incorrect API key provided.", failure.Message, StringComparison.Ordinal);
        Assert.Single(server.Calls);
    }
}
