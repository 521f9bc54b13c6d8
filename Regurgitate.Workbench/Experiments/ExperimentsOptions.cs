namespace Regurgitate.Workbench.Experiments;

/// <summary>Where experiments keep shared artefacts, and what the time estimate assumes. Bound from <c>Regurgitate:Experiments</c>.</summary>
public sealed class ExperimentsOptions
{
    public const string SectionName = "Regurgitate:Experiments";

    /// <summary>One sub-folder per experiment (its shared tokenizer); relative paths are resolved against the content root.</summary>
    public string ExperimentsDirectory { get; set; } = "App_Data/experiments";
}
