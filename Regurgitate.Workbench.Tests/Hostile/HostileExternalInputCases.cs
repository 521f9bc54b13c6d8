using System.Text;
using Microsoft.Extensions.Options;
using Regurgitate.Engine.Generation.Llm;
using static Regurgitate.Workbench.Tests.Hostile.HostileInputs;

namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>Hostile inputs from other systems: imported system outputs, experiment archives and LLM endpoint replies.</summary>
internal static class HostileExternalInputCases
{
    public static readonly HostileCase[] All =
    [
        // ---- Imported system outputs through the synthetic-set builder ----
        new("system output: fewer lines than the source", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedImportedOutputsAsync("Eins\nZwei\nDrei\n", "One\nTwo\n"u8.ToArray());
            AssertNames(error, "sys.en", "has 2 lines", "src.de", "has 3 lines", "line 3");
        }),
        new("system output: invalid UTF-8", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedImportedOutputsAsync("Eins\nZwei\n", [.. "One\nT"u8, 0xFF, .. "wo\n"u8]);
            AssertNames(error, "sys.en", "line 2", "invalid UTF-8");
        }),

        // ---- Experiment archives through the archive importer (the upload page and `regurgitate experiment import`) ----
        new("archive: more entries than the entry cap", HostileOutcome.Unchanged, async b =>
        {
            var entries = Enumerable.Range(1, HostileBench.ArchiveEntryCap + 1).Select(i => ($"figures/f{i}.csv", "a,b\n"u8.ToArray()));
            var error = await b.RefusedArchiveAsync(Zip(entries));
            AssertNames(error, "'hostile.zip'", $"{HostileBench.ArchiveEntryCap + 1:N0} entries", $"limit of {HostileBench.ArchiveEntryCap:N0}", "Regurgitate:Archives:MaxEntries", "nothing was imported");
        }),
        new("archive: entries expand beyond the uncompressed cap", HostileOutcome.Unchanged, async b =>
        {
            // Ordinary text (a ratio of ~2×, no zip bomb by ratio): only the total gives it away.
            var text = Encoding.ASCII.GetBytes(string.Concat(Enumerable.Range(0, 40_000).Select(i => $"{i * 7919 % 100_003},")));
            var error = await b.RefusedArchiveAsync(Zip(Enumerable.Range(1, 4).Select(i => ($"figures/f{i}.csv", text))));
            AssertNames(error, "'hostile.zip'", $"limit of {HostileBench.ArchiveUncompressedCap:N0} bytes", "Regurgitate:Archives:MaxUncompressedBytes", "nothing was imported");
        }),

        // ---- LLM endpoint replies through the synthetic-set builder over the LLM generator ----
        new("llm: 429 on every attempt", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.RateLimited(1), LlmFailureKinds.RateLimited + ": HTTP 429", "after 2 attempts")),
        new("llm: HTTP 500", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.ServerError(500), LlmFailureKinds.ServerError + ": HTTP 500", "after 2 attempts")),
        new("llm: timeout", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.Hang(TimeSpan.FromSeconds(30)), LlmFailureKinds.Timeout, "after 2 attempts")),
        new("llm: truncated JSON reply", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.Malformed(), LlmFailureKinds.Malformed)),
        new("llm: content filter refusal", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.ContentFilterError(), LlmFailureKinds.ContentFilter + ": HTTP 400")),
        new("llm: HTML error page with status 200", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => new FakeReply(200, "<html><body>Bad gateway</body></html>"), LlmFailureKinds.Malformed)),
        new("llm: reply without choices", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => new FakeReply(200, """{"id":"x","object":"chat.completion","created":1,"model":"m","choices":[]}"""), LlmFailureKinds.Malformed)),
        new("llm: reply cut off at the token limit", HostileOutcome.Unchanged, b => b.LlmFailsAsync(_ => FakeReply.Success("The sent", finishReason: "length"), LlmFailureKinds.Truncated)),
        new("llm: plain http endpoint to a remote host", HostileOutcome.Unchanged, b =>
        {
            var options = new LlmGeneratorOptions { Endpoint = new Uri("http://llm.example.com/v1"), Model = "gpt-test", ApiKey = "sk-hostile" };
            var error = Assert.Throws<OptionsValidationException>(() => new LlmGenerator(options, Path.Combine(b.DataDirectory, "llm")));
            AssertNames(error, "Regurgitate:Llm:Endpoint", "llm.example.com", "in clear");
            Assert.DoesNotContain("sk-hostile", error.Message, StringComparison.Ordinal);
            return Task.CompletedTask;
        }),
    ];
}
