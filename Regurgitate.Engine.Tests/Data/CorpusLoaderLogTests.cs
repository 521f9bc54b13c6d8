using Microsoft.Extensions.Logging;
using Regurgitate.Engine.Data;

namespace Regurgitate.Engine.Tests.Data;

public sealed class CorpusLoaderLogTests
{
    [Fact]
    public async Task A_split_without_document_ids_is_logged_without_document_counts()
    {
        var logger = new MessageLogger();
        var loader = new CorpusLoader(new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, AppContext.BaseDirectory), logger);

        await loader.LoadSplitsAsync("multi30k", 2_000, 200, 1_000, seed: 1, CancellationToken.None);

        var line = Assert.Single(logger.Messages, m => m.StartsWith("Corpus multi30k", StringComparison.Ordinal));
        Assert.DoesNotContain("(null)", line, StringComparison.Ordinal);
        Assert.DoesNotContain("documents", line, StringComparison.Ordinal);
    }

    /// <summary>Keeps each formatted message, which is what an operator reads in the log.</summary>
    private sealed class MessageLogger : ILogger<CorpusLoader>
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Messages.Add(formatter(state, exception));
    }
}
