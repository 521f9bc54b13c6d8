namespace Regurgitate.Engine.Data;

/// <summary>Where corpora are found. Bound from the "Regurgitate:Data" configuration section.</summary>
public sealed class DataOptions
{
    public const string SectionName = "Regurgitate:Data";

    /// <summary>Folder holding the corpora (relative paths are resolved against the application's content root).</summary>
    public string DataDirectory { get; set; } = "../shared/data";

    /// <summary>Folder where generated datasets (synthetic targets) are written; relative to the content root.</summary>
    public string DatasetsDirectory { get; set; } = "App_Data/datasets";
}
