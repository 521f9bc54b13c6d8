using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Experiments.Design;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The models an experiment trains itself before its grid: id, training size, what they learn from (real pairs or an
/// earlier generator's output) and how, and the model and training settings it is trained with (the fields the JSON
/// tab has beyond these, such as label smoothing or the device, are kept as they are).
/// </summary>
public partial class LocalGeneratorsEditor
{
    [Parameter, EditorRequired]
    public IReadOnlyList<LocalGeneratorSpec> Generators { get; set; } = [];

    [Parameter]
    public EventCallback<IReadOnlyList<LocalGeneratorSpec>> GeneratorsChanged { get; set; }

    private Task UpdateAsync(int index, LocalGeneratorSpec generator) =>
        GeneratorsChanged.InvokeAsync([.. Generators.Select((g, i) => i == index ? generator : g)]);

    // A model edited in the JSON shows as "Custom"; choosing it again keeps that model.
    private Task UpdateModelAsync(int index, string preset) =>
        SpecForm.Presets.TryGetValue(preset, out var model) ? UpdateAsync(index, Generators[index] with { Model = model }) : Task.CompletedTask;

    private Task RemoveAsync(int index) => GeneratorsChanged.InvokeAsync([.. Generators.Where((_, i) => i != index)]);

    // A new generator continues the chain: it learns from the last one, which is what iterated generations need.
    private Task AddAsync()
    {
        var number = Generators.Count + 1;
        while (Generators.Any(g => g.Id.Equals($"gen{number}", StringComparison.OrdinalIgnoreCase)))
        {
            number++;
        }

        var generator = new LocalGeneratorSpec
        {
            Id = $"gen{number}",
            TrainOn = Generators.Count > 0 ? Generators[^1].Id : "real",
            Seed = number,
        };
        return GeneratorsChanged.InvokeAsync([.. Generators, generator]);
    }
}
