using Regurgitate.Engine.Data;
using Regurgitate.Web.Features.NewRun;

namespace Regurgitate.Web.Tests.NewRun;

/// <summary>The New-run form shows the engine validator's verdict on the corpus (it has no list of its own) on the corpus field.</summary>
public sealed class RunConfigValidationTests
{
    public static TheoryData<string> CatalogueCorpora => [.. CorpusCatalog.Corpora.Select(c => c.Id)];

    [Theory]
    [MemberData(nameof(CatalogueCorpora))]
    public void Every_corpus_of_the_catalogue_is_accepted(string corpusId)
    {
        var model = NewRunModel.FromDefaults();
        model.CorpusId = corpusId;

        Assert.DoesNotContain(RunConfigValidation.Validate(model), e => e.Field == nameof(NewRunModel.CorpusId));
    }

    [Fact]
    public void A_corpus_the_catalogue_does_not_know_is_refused_on_the_corpus_field()
    {
        var model = NewRunModel.FromDefaults();
        model.CorpusId = "europarl-v7-de-en"; // downloadable, but not a catalogue corpus a run can load

        var error = Assert.Single(RunConfigValidation.Validate(model), e => e.Field == nameof(NewRunModel.CorpusId));
        Assert.StartsWith("Unknown corpus 'europarl-v7-de-en'.", error.Message, StringComparison.Ordinal);
    }
}
