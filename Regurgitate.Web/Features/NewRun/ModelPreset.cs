namespace Regurgitate.Web.Features.NewRun;

/// <summary>The model sizes offered by the form, named after <see cref="Engine.Experiments.ModelConfig"/>'s presets.</summary>
public enum ModelPreset
{
    Tiny,
    Small,
    Base,
}
