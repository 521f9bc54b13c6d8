using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Web.Features.Experiments;
using Regurgitate.Web.Tests.TestSupport;
using Regurgitate.Workbench.Experiments;

namespace Regurgitate.Web.Tests.Components.Experiments;

public sealed class ExperimentDesignerPageTests : DashboardTestContext
{
    private readonly FakeExperimentService service = new();
    private readonly FakeTimeProvider time = new();

    public ExperimentDesignerPageTests()
    {
        Context.Services.AddSingleton<IExperimentService>(service);
        Context.Services.AddSingleton<TimeProvider>(time);
    }

    private IRenderedComponent<ExperimentDesignerPage> RenderPage(TimeSpan? previewDelay = null)
        => Context.Render<ExperimentDesignerPage>(p => p.Add(c => c.PreviewDelay, previewDelay ?? TimeSpan.Zero));

    private static string Text(IRenderedComponent<ExperimentDesignerPage> page, string testId) => page.Find($"[data-testid={testId}]").TextContent.Trim();

    private static List<string> Chips(IRenderedComponent<ExperimentDesignerPage> page, string inputId) =>
        [.. page.FindAll($"[data-testid={inputId}] [data-testid=chip]").Select(c => c.TextContent.Trim())];

    private static void AddChip(IRenderedComponent<ExperimentDesignerPage> page, string inputId, string value)
    {
        page.Find($"#{inputId}").Input(value);
        page.Find($"#{inputId}").KeyDown("Enter");
    }

    private static void ShowTab(IRenderedComponent<ExperimentDesignerPage> page, string title) =>
        page.FindAll(".mud-tab").Single(t => t.TextContent.Trim() == title).Click();

    [Fact]
    public void It_opens_on_template_a_with_its_grid_previewed()
    {
        var page = RenderPage();

        Assert.Equal(ExperimentSpecJson.Serialize(ExperimentTemplates.RealVersusSynthetic()), ExperimentSpecJson.Serialize(page.Instance.CurrentSpec));
        Assert.Equal("36", Text(page, "preview-runs"));
        Assert.Equal("0", Text(page, "preview-generator-runs"));
        Assert.Equal("4", Text(page, "preview-conditions"));
        Assert.Equal(["300", "600", "1200"], Chips(page, "spec-sizes"));
        var grid = page.Find("[data-testid=preview-grid]");
        Assert.Equal(4, grid.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("GPT-4", grid.TextContent, StringComparison.Ordinal);
        Assert.Contains("1, 2, 3", grid.QuerySelector("tbody td")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("fake warning", Text(page, "preview-warnings"), StringComparison.Ordinal);
        Assert.Contains("min", Text(page, "preview-duration"), StringComparison.Ordinal);
        Assert.Contains("Launch 36 runs", Text(page, "launch"), StringComparison.Ordinal);
    }

    [Fact]
    public void A_size_the_pool_cannot_hold_joins_the_preview_errors_by_its_path_and_blocks_the_launch()
    {
        service.PoolErrors = [new RunConfigError("sizes[2]", "The pool holds 1,000 sources in corpus 'multi30k' once dev and test are removed; a training set of 1,200 pairs cannot be drawn from it.")];

        var page = RenderPage();

        page.WaitForAssertion(() => Assert.Contains("The pool holds 1,000 sources", page.Find("[data-testid=preview-errors] li[data-field='sizes[2]']").TextContent, StringComparison.Ordinal));
        Assert.True(page.Find("[data-testid=launch]").HasAttribute("disabled"));
        Assert.Empty(service.Created);
    }

    [Fact]
    public void Adding_a_size_adds_a_column_of_runs()
    {
        var page = RenderPage();

        AddChip(page, "spec-sizes", "1300");

        Assert.Equal(["300", "600", "1200", "1300"], Chips(page, "spec-sizes"));
        Assert.Equal([300, 600, 1_200, 1_300], page.Instance.CurrentSpec.Sizes);
        Assert.Equal("48", Text(page, "preview-runs"));
        Assert.Equal(page.Instance.CurrentSpec, service.Estimated[^1]);
    }

    [Fact]
    public void Removing_a_seed_drops_its_runs()
    {
        var page = RenderPage();

        page.FindAll("[data-testid=spec-seeds] [data-testid=chip] .mud-chip-close-button").Last().Click();

        Assert.Equal([1, 2], page.Instance.CurrentSpec.Seeds);
        Assert.Equal("24", Text(page, "preview-runs"));
    }

    [Fact]
    public void An_invalid_size_is_reported_under_its_json_path_and_blocks_the_launch()
    {
        var page = RenderPage();

        AddChip(page, "spec-sizes", "5");

        var errors = page.Find("[data-testid=preview-errors]");
        Assert.NotNull(errors.QuerySelector("li[data-field='sizes[3]']"));
        Assert.Contains("16", errors.TextContent, StringComparison.Ordinal);
        Assert.Empty(page.FindAll("[data-testid=preview-runs]"));
        Assert.True(page.Find("[data-testid=launch]").HasAttribute("disabled"));
    }

    [Fact]
    public void Text_that_is_no_number_is_refused_in_the_field()
    {
        var page = RenderPage();

        AddChip(page, "spec-sizes", "lots");

        Assert.Contains("'lots' is not a number.", page.Markup, StringComparison.Ordinal);
        Assert.Equal([300, 600, 1_200], page.Instance.CurrentSpec.Sizes);
    }

    [Fact]
    public void A_blank_name_is_an_error_on_name()
    {
        var page = RenderPage();

        page.Find("#spec-name").Input("");

        Assert.NotNull(page.Find("[data-testid=preview-errors] li[data-field=name]"));
    }

    [Fact]
    public void Template_b_fills_the_real_fraction_sweep()
    {
        var page = RenderPage();

        page.Find("[data-testid=template-b]").Click();

        Assert.Equal(["1", "0.75", "0.5", "0.25", "0"], Chips(page, "spec-fractions"));
        Assert.Equal(["1200"], Chips(page, "spec-sizes"));
        Assert.Equal("15", Text(page, "preview-runs"));
        Assert.Equal("5", Text(page, "preview-conditions"));
        Assert.Equal("true", page.Find("[data-testid=template-b]").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void Template_d_lists_its_three_generations()
    {
        var page = RenderPage();

        page.Find("[data-testid=template-d]").Click();

        Assert.Equal("3", Text(page, "preview-generator-runs"));
        var generations = page.FindAll("[data-testid=preview-generators] li").Select(li => li.TextContent).ToList();
        Assert.Equal(3, generations.Count);
        Assert.Contains("gen1's output", generations[1], StringComparison.Ordinal);

        // Each generation learns from its parent's translation of its own slice, a slice the parent never saw.
        Assert.Contains("gen3 (generation 3, replace): 2,000 pairs from gen2's output — slice 3 by gen2 (2,000)", generations[2], StringComparison.Ordinal);
        Assert.Equal(3, page.FindAll("[data-testid=local-generator]").Count);
    }

    [Fact]
    public void The_template_query_parameter_chooses_the_starting_design()
    {
        Context.Services.GetRequiredService<NavigationManager>().NavigateTo("/experiments/new?template=c");

        var page = RenderPage();

        Assert.Equal("multi30k", page.Instance.CurrentSpec.CorpusId);
        Assert.Equal(["low", "high"], page.Instance.CurrentSpec.Generators.Select(g => g.Id));
    }

    [Fact]
    public void Renaming_a_generator_renames_the_sources_that_use_it()
    {
        var page = RenderPage();
        page.Find("[data-testid=template-c]").Click();

        page.Find("#generator-0-id").Input("weak");

        var spec = page.Instance.CurrentSpec;
        Assert.Equal("weak", spec.SyntheticSources[0].Generators[0].GeneratorId);
        Assert.Equal("weak", spec.SyntheticSources[0].Name);
        Assert.Empty(page.FindAll("[data-testid=preview-errors]"));
    }

    [Fact]
    public void Launching_creates_starts_and_opens_the_experiment()
    {
        var page = RenderPage();

        page.Find("[data-testid=launch]").Click();

        // MudButton may finish its click handler asynchronously on a busy machine.
        page.WaitForAssertion(() => Assert.Equal([7], service.Started), TimeSpan.FromSeconds(5));
        Assert.Equal(page.Instance.CurrentSpec, Assert.Single(service.Created));
        Assert.Equal([7], service.Started);
        Assert.EndsWith("/experiments/7", Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void Errors_from_create_are_shown_by_path_and_nothing_starts()
    {
        service.CreateFailure = new ExperimentSpecException([new RunConfigError("name", "An experiment named this exists already.")]);
        var page = RenderPage();

        page.Find("[data-testid=launch]").Click();

        var errors = page.WaitForElement("[data-testid=launch-errors]", TimeSpan.FromSeconds(5));
        Assert.Contains("exists already", errors.QuerySelector("li[data-field=name]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(service.Started);
        Assert.DoesNotContain("/experiments/7", Context.Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_tab_shows_the_spec_and_edits_flow_back_to_the_form()
    {
        var page = RenderPage();
        ShowTab(page, "JSON");

        var json = page.Find("#spec-json-text").GetAttribute("value") ?? page.Find("#spec-json-text").TextContent;
        Assert.Equal(ExperimentSpecJson.Serialize(page.Instance.CurrentSpec), json);

        var edited = ExperimentSpecJson.Serialize(page.Instance.CurrentSpec with { Sizes = [100, 200], Name = "edited as JSON" });
        page.Find("#spec-json-text").Change(edited);

        Assert.Equal([100, 200], page.Instance.CurrentSpec.Sizes);
        Assert.Equal("24", Text(page, "preview-runs"));
        Assert.Empty(page.FindAll("[data-testid=json-errors]"));

        ShowTab(page, "Form");
        Assert.Equal(["100", "200"], Chips(page, "spec-sizes"));
        Assert.Equal("edited as JSON", page.Find("#spec-name").GetAttribute("value"));
    }

    [Fact]
    public void Malformed_json_is_not_applied_and_says_where()
    {
        var page = RenderPage();
        ShowTab(page, "JSON");
        var before = page.Instance.CurrentSpec;

        page.Find("#spec-json-text").Change("{\n  \"name\": \"x\",\n  \"sizes\": [1000,\n}");

        var errors = page.Find("[data-testid=json-errors]");
        Assert.Contains("Not applied", errors.TextContent, StringComparison.Ordinal);
        Assert.Contains("line", errors.TextContent, StringComparison.Ordinal);
        Assert.Same(before, page.Instance.CurrentSpec);
    }

    [Fact]
    public void An_unknown_field_is_refused_with_its_path()
    {
        var page = RenderPage();
        ShowTab(page, "JSON");

        page.Find("#spec-json-text").Change("{ \"name\": \"x\", \"sizez\": [1000] }");

        var errors = page.Find("[data-testid=json-errors]");
        Assert.Contains("sizez", errors.TextContent, StringComparison.Ordinal);
        Assert.Contains("Not applied", errors.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Well_formed_but_invalid_json_is_applied_and_its_errors_listed_by_path()
    {
        var page = RenderPage();
        ShowTab(page, "JSON");

        page.Find("#spec-json-text").Change(ExperimentSpecJson.Serialize(page.Instance.CurrentSpec with { Seeds = [1, 1] }));

        Assert.Equal([1, 1], page.Instance.CurrentSpec.Seeds);
        Assert.NotNull(page.Find("[data-testid=json-errors] li[data-field=seeds]"));
        Assert.Contains("Applied", page.Find("[data-testid=json-errors]").TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.Find("[data-testid=preview-errors] li[data-field=seeds]"));
    }

    [Fact]
    public void The_preview_waits_for_a_pause_in_typing()
    {
        // Ten minutes of quiet on the fake clock: only the clock the page was given can end it, never machine load.
        var page = RenderPage(TimeSpan.FromMinutes(10));

        // The chip input hands its change over asynchronously: the clock moves only once the spec holds the new size,
        // or the quiet time would start after the advance it is meant to measure.
        // The waits' limits only guard against a hang: the first one failed in CI with the check never run, the thread
        // pool busy with the suite's other tests.
        AddChip(page, "spec-sizes", "1300");
        page.WaitForAssertion(() => Assert.Contains(1300, page.Instance.CurrentSpec.Sizes), TimeSpan.FromSeconds(15));
        time.Advance(TimeSpan.FromMinutes(9));
        AddChip(page, "spec-sizes", "1350");
        page.WaitForAssertion(() => Assert.Contains(1350, page.Instance.CurrentSpec.Sizes), TimeSpan.FromSeconds(15));
        time.Advance(TimeSpan.FromMinutes(9));

        Assert.Equal("36", Text(page, "preview-runs"));
        time.Advance(TimeSpan.FromMinutes(1));
        page.WaitForAssertion(() => Assert.Equal("60", Text(page, "preview-runs")), TimeSpan.FromSeconds(15));
        Assert.Equal(2, service.Estimated.Count); // the first render and one debounced recompute
    }
}
