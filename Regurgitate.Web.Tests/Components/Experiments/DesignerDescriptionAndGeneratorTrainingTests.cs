using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Components.Experiments;

/// <summary>
/// The designer's description is a field that follows the values until the researcher writes their own, and each local
/// generator's model and training settings are fields of the form, not only of the JSON.
/// </summary>
public sealed class DesignerDescriptionAndGeneratorTrainingTests : DashboardTestContext
{
    public DesignerDescriptionAndGeneratorTrainingTests()
    {
        Context.Services.AddSingleton<IExperimentService>(new FakeExperimentService());
        Context.Services.AddSingleton<TimeProvider>(new FakeTimeProvider());
    }

    private IRenderedComponent<ExperimentDesignerPage> RenderPage() =>
        Context.Render<ExperimentDesignerPage>(p => p.Add(c => c.PreviewDelay, TimeSpan.Zero));

    private static string Description(IRenderedComponent<ExperimentDesignerPage> page) =>
        page.Find("#spec-description").GetAttribute("value") ?? page.Find("#spec-description").TextContent;

    private static void RemoveFirstSize(IRenderedComponent<ExperimentDesignerPage> page) =>
        page.Find("[data-testid=spec-sizes] [data-testid=chip]").KeyDown("Delete");

    [Fact]
    public void The_description_starts_as_the_templates_and_is_rewritten_from_the_values_after_a_change()
    {
        var page = RenderPage();
        var purpose = ExperimentTemplates.RealVersusSynthetic().Description!;
        Assert.Equal(purpose, Description(page));

        RemoveFirstSize(page);

        var expected = $"{purpose} {CorpusName("wmt22")}: real data vs GPT-4, ChatGPT and text-davinci-003 at 600 and 1,200 pairs; "
            + "real fractions 1 and 0; 3 seeds (1, 2 and 3); Tiny model, matched steps.";
        Assert.Equal(expected, page.Instance.CurrentSpec.Description);
        Assert.Equal(page.Instance.CurrentSpec.Description, Description(page));
    }

    [Fact]
    public void Template_f_keeps_its_pretraining_through_form_changes_and_describes_it()
    {
        var page = RenderPage();
        page.Find($"[data-testid=template-{ExperimentTemplates.FineTuningKey}]").Click();

        RemoveFirstSize(page);

        var spec = page.Instance.CurrentSpec;
        Assert.Equal(ExperimentTemplates.Create(ExperimentTemplates.FineTuningKey)!.Pretrain, spec.Pretrain);
        Assert.Equal([2_000, 4_000], spec.Sizes);
        Assert.Contains($"every run fine-tunes a model pretrained on 20,000 {CorpusName("newstest")} pairs, whose own score is the size-0 point", spec.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_description_written_by_hand_is_kept_through_later_changes_until_it_is_emptied()
    {
        var page = RenderPage();

        page.Find("#spec-description").Change("My own words.");
        RemoveFirstSize(page);

        Assert.Equal("My own words.", page.Instance.CurrentSpec.Description);
        Assert.Equal("My own words.", Description(page));

        page.Find("#spec-description").Change("");

        Assert.Contains("at 600 and 1,200 pairs", page.Instance.CurrentSpec.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void A_generators_model_and_training_settings_are_shown_and_edited_in_the_form()
    {
        var page = RenderPage();
        page.Find("[data-testid=template-c]").Click();

        Assert.Equal("20", page.Find("#generator-0-epochs").GetAttribute("value"));
        Assert.Equal("100000", page.Find("#generator-0-max-steps").GetAttribute("value"));
        Assert.Equal("Tiny", page.Find("#generator-0-model").GetAttribute("value"));

        page.Find("#generator-0-epochs").Input("5");
        page.Find("#generator-0-tokens-per-batch").Input("1024");
        page.Find("#generator-1-beam").Input("2");

        var generators = page.Instance.CurrentSpec.Generators;
        Assert.Equal(5, generators[0].Training.Epochs);
        Assert.Equal(1_024, generators[0].Training.TokensPerBatch);
        Assert.Equal(20, generators[1].Training.Epochs);
        Assert.Equal(2, generators[1].BeamSize);
        Assert.Equal(ExperimentTemplates.GeneratorTraining.LearningRate, generators[0].Training.LearningRate);
    }

    private static string CorpusName(string id) => Regurgitate.Engine.Data.CorpusCatalog.Get(id).Name;
}
