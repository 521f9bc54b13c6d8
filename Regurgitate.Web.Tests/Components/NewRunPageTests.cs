using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Regurgitate.Engine.Experiments;
using Regurgitate.Web.Features.NewRun;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Execution;

namespace Regurgitate.Web.Tests.Components;

public sealed class NewRunPageTests : DashboardTestContext
{
    private readonly RecordingRunLauncher launcher = new();

    private IRenderedComponent<NewRunPage> RenderPage()
    {
        Context.Services.AddSingleton<IRunLauncher>(launcher);
        return Context.Render<NewRunPage>();
    }

    [Fact]
    public void The_form_starts_with_the_default_experiment()
    {
        var page = RenderPage();

        var defaults = new RunConfig();
        Assert.Equal(defaults.TrainSize.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#train-size").GetAttribute("value"));
        Assert.Equal(defaults.Training.MaxSteps.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#max-steps").GetAttribute("value"));
        Assert.Equal(defaults.Training.EvaluateEvery.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("#evaluate-every").GetAttribute("value"));
    }

    [Fact]
    public void Submitting_the_defaults_starts_the_default_run_and_opens_its_page()
    {
        var page = RenderPage();

        page.Find("form").Submit();

        var (name, config) = Assert.Single(launcher.Started);
        Assert.Equal("multi30k-small", name);
        Assert.Equal(new RunConfig(), config);
        Assert.EndsWith("/runs/42", Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Edited_values_reach_the_run_config()
    {
        var page = RenderPage();

        page.Find("#experiment-name").Input("tiny smoke test");
        page.Find("#train-size").Input("2000");
        page.Find("#max-steps").Input("40");
        page.Find("#evaluate-every").Input("20");
        page.Find("#seed").Input("7");
        page.Find("form").Submit();

        var (name, config) = Assert.Single(launcher.Started);
        Assert.Equal("tiny smoke test", name);
        Assert.Equal(new RunConfig() with { TrainSize = 2000, Seed = 7, Training = new TrainingConfig { MaxSteps = 40, EvaluateEvery = 20 } }, config);
    }

    [Fact]
    public void Out_of_range_values_show_messages_on_their_fields_and_start_nothing()
    {
        var page = RenderPage();

        page.Find("#train-size").Input("3");
        page.Find("#max-steps").Input("0");
        page.Find("form").Submit();

        Assert.Empty(launcher.Started);
        var messages = page.FindAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent).ToList();
        Assert.Contains(messages, m => m.Contains("TrainSize", StringComparison.Ordinal) && m.Contains("16", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("at least one step", StringComparison.Ordinal));
        Assert.Contains("train-size", FieldIdsWithErrors(page));
        Assert.Contains("max-steps", FieldIdsWithErrors(page));
    }

    [Fact]
    public void Evaluating_less_often_than_the_run_is_long_is_reported_on_the_evaluate_every_field()
    {
        var page = RenderPage();

        page.Find("#max-steps").Input("40");
        page.Find("#evaluate-every").Input("50");
        page.Find("form").Submit();

        Assert.Empty(launcher.Started);
        Assert.Equal(["evaluate-every"], FieldIdsWithErrors(page));
        Assert.Contains("at most every 40 steps", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void A_blank_experiment_name_is_refused()
    {
        var page = RenderPage();

        page.Find("#experiment-name").Input(" ");
        page.Find("form").Submit();

        Assert.Empty(launcher.Started);
        Assert.Contains("Give the experiment a name.", page.Markup, StringComparison.Ordinal);
    }

    // MudBlazor marks an invalid input's container with mud-input-error; report which inputs those are.
    private static List<string> FieldIdsWithErrors(IRenderedComponent<NewRunPage> page) =>
        page.FindAll(".mud-input-control.mud-input-error input, .mud-input-control.mud-input-error textarea")
            .Select(e => e.Id ?? string.Empty)
            .Where(id => id.Length > 0)
            .ToList();
}
