namespace Regurgitate.Workbench.Folders;

/// <summary>Which kind of database row a folder of artefacts belongs to.</summary>
public enum FolderKind
{
    Run,
    Experiment,
}
