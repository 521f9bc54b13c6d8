using Microsoft.AspNetCore.Components;
using Regurgitate.Engine.Experiments.Design;
using Regurgitate.Engine.Experiments.Mixtures;
using Regurgitate.Engine.Generation;
using Regurgitate.Workbench.Datasets;

namespace Regurgitate.Web.Features.Experiments;

/// <summary>
/// The synthetic data conditions: each a published system's output for the chosen corpus, a local generator of this
/// spec, or a weighted mix of several.
/// </summary>
public partial class SyntheticSourcesEditor
{
    [Parameter, EditorRequired]
    public IReadOnlyList<SyntheticSourceSpec> Sources { get; set; } = [];

    [Parameter]
    public EventCallback<IReadOnlyList<SyntheticSourceSpec>> SourcesChanged { get; set; }

    [Parameter, EditorRequired]
    public string CorpusId { get; set; } = string.Empty;

    [Parameter]
    public IReadOnlyList<string> LocalGeneratorIds { get; set; } = [];

    [Inject]
    private IDatasetCatalog Datasets { get; set; } = default!;

    /// <summary>What a share may name: local generators first, then the published systems of this corpus.</summary>
    private IReadOnlyList<(string Id, string Label)> Choices(string corpusId, IReadOnlyList<string> localIds) =>
    [
        .. localIds.Where(id => id.Length > 0).Select(id => (id, $"{id} (local generator)")),
        .. Datasets.PublishedSystemsOf(corpusId).Select(s => (s.Generator.Id, $"{s.Generator.Name} ({s.Generator.Id})")),
    ];

    // A share that names something outside the list (another corpus's system, a stored dataset) stays selectable so
    // that editing its weight does not silently drop it; the validator says what is wrong with it.
    private IReadOnlyList<(string Id, string Label)> ChoicesFor(string current)
    {
        var choices = Choices(CorpusId, LocalGeneratorIds);
        return choices.Any(c => c.Id.Equals(current, StringComparison.OrdinalIgnoreCase)) || string.IsNullOrEmpty(current)
            ? choices
            : [(current, current), .. choices];
    }

    private Task UpdateAsync(int index, SyntheticSourceSpec source) =>
        SourcesChanged.InvokeAsync([.. Sources.Select((s, i) => i == index ? source : s)]);

    private Task UpdateShareAsync(int index, int shareIndex, SyntheticShare share) =>
        UpdateAsync(index, Sources[index] with { Generators = [.. Sources[index].Generators.Select((g, k) => k == shareIndex ? share : g)] });

    private Task RemoveShareAsync(int index, int shareIndex) =>
        UpdateAsync(index, Sources[index] with { Generators = [.. Sources[index].Generators.Where((_, k) => k != shareIndex)] });

    private Task AddShareAsync(int index)
    {
        var used = Sources[index].Generators.Select(g => g.GeneratorId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var next = Choices(CorpusId, LocalGeneratorIds).Select(c => c.Id).FirstOrDefault(id => !used.Contains(id));
        return next is null ? Task.CompletedTask : UpdateAsync(index, Sources[index] with { Generators = [.. Sources[index].Generators, new SyntheticShare(next)] });
    }

    private Task RemoveAsync(int index) => SourcesChanged.InvokeAsync([.. Sources.Where((_, i) => i != index)]);

    // The new source is the first generator no source uses alone yet.
    private Task AddAsync()
    {
        var used = Sources.Where(s => s.Generators.Count == 1).Select(s => s.Generators[0].GeneratorId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var choices = Choices(CorpusId, LocalGeneratorIds);
        var next = choices.Select(c => c.Id).FirstOrDefault(id => !used.Contains(id)) ?? choices.Select(c => c.Id).FirstOrDefault();
        return next is null ? Task.CompletedTask : SourcesChanged.InvokeAsync([.. Sources, new SyntheticSourceSpec { Generators = [new SyntheticShare(next)] }]);
    }
}
