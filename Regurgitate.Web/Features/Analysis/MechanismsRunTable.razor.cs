using Microsoft.AspNetCore.Components;
using Regurgitate.Workbench.Analysis;

namespace Regurgitate.Web.Features.Analysis;

/// <summary>Every measured run: condition (in its colour), seed, size, pairs trained on, the training-set metrics and test BLEU.</summary>
public partial class MechanismsRunTable
{
    [Parameter, EditorRequired]
    public MechanismsResult Result { get; set; } = default!;

    [Parameter, EditorRequired]
    public IReadOnlyList<MechanismAxis> Axes { get; set; } = [];

    private IReadOnlyList<string> Order => Result.Selection.Conditions;
}
