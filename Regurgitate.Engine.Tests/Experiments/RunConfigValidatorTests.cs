using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;

namespace Regurgitate.Engine.Tests.Experiments;

/// <summary>The engine's validator is the one place that decides which corpora a run may name; the forms only map its errors.</summary>
public sealed class RunConfigValidatorTests
{
    [Fact]
    public void A_corpus_the_catalogue_does_not_know_is_refused_with_the_known_ones()
    {
        var error = Assert.Single(RunConfigValidator.Validate(new RunConfig { CorpusId = "europarl-v7-de-en" }), e => e.Field == "CorpusId");

        Assert.Contains("Unknown corpus 'europarl-v7-de-en'", error.Message, StringComparison.Ordinal);
        Assert.Contains("multi30k", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_catalogue_corpus_is_accepted_whatever_its_case()
    {
        foreach (var corpus in CorpusCatalog.Corpora)
        {
            Assert.DoesNotContain(RunConfigValidator.Validate(new RunConfig { CorpusId = corpus.Id.ToUpperInvariant() }), e => e.Field == "CorpusId");
        }
    }
}
