using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The designer's form over an <see cref="ExperimentSpec"/>. Every change produces a new spec (the record is
/// immutable), so fields the form does not show (dev/test sizes, split seed, learning rate…) survive untouched.
/// </summary>
public partial class SpecForm
{
    public const string CustomPreset = "Custom";

    /// <summary>The model presets both the grid's and each local generator's model picker offer.</summary>
    internal static readonly IReadOnlyDictionary<string, ModelConfig> Presets = new Dictionary<string, ModelConfig>
    {
        ["Tiny"] = ModelConfig.Tiny,
        ["Small"] = ModelConfig.Small,
        ["Base"] = ModelConfig.Base,
    };

    [Inject]
    private IDatasetCatalog Datasets { get; set; } = default!;

    [Parameter, EditorRequired]
    public ExperimentSpec Spec { get; set; } = default!;

    [Parameter]
    public EventCallback<ExperimentSpec> SpecChanged { get; set; }

    private string Preset => PresetOf(Spec.Model);

    /// <summary>The preset's name, or <see cref="CustomPreset"/> for a model edited in the JSON.</summary>
    internal static string PresetOf(ModelConfig model) => Presets.FirstOrDefault(p => p.Value == model).Key ?? CustomPreset;

    private Task SetAsync(ExperimentSpec spec) => SpecChanged.InvokeAsync(spec);

    private Task OnPresetChangedAsync(string preset) =>
        Presets.TryGetValue(preset, out var model) ? SetAsync(Spec with { Model = model }) : Task.CompletedTask;

    // Renaming a generator renames what refers to it: sources that mix it and later generators that learn from it.
    private Task OnGeneratorsChangedAsync(IReadOnlyList<LocalGeneratorSpec> generators)
    {
        var spec = Spec with { Generators = generators };
        if (generators.Count == Spec.Generators.Count)
        {
            for (var i = 0; i < generators.Count; i++)
            {
                var (before, after) = (Spec.Generators[i].Id, generators[i].Id);
                if (before.Length > 0 && !before.Equals(after, StringComparison.Ordinal))
                {
                    spec = Rename(spec, before, after);
                }
            }
        }

        return SetAsync(spec);
    }

    internal static ExperimentSpec Rename(ExperimentSpec spec, string before, string after) => spec with
    {
        Generators = [.. spec.Generators.Select(g => g.TrainOn.Equals(before, StringComparison.OrdinalIgnoreCase) ? g with { TrainOn = after } : g)],
        SyntheticSources =
        [
            .. spec.SyntheticSources.Select(s => s with
            {
                Name = s.Name is not null && s.Name.Equals(before, StringComparison.Ordinal) ? after : s.Name,
                Generators = [.. s.Generators.Select(g => g.GeneratorId.Equals(before, StringComparison.OrdinalIgnoreCase) ? g with { GeneratorId = after } : g)],
            }),
        ],
    };
}
