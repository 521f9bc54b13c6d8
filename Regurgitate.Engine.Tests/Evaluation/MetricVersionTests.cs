using Regurgitate.Engine.Evaluation;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class MetricVersionTests
{
    [Fact]
    public void Signature_version_is_the_engine_version_without_build_metadata()
    {
        var assemblyVersion = typeof(BleuMetric).Assembly.GetName().Version!.ToString(3);

        Assert.Equal(assemblyVersion, MetricVersion.Value);
        Assert.EndsWith($"|version:{assemblyVersion}", new TerMetric().SentenceScore("a", ["a"]).Signature, StringComparison.Ordinal);
    }
}
