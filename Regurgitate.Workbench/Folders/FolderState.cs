namespace Regurgitate.Workbench.Folders;

/// <summary>What a folder's owner file says about whether the folder belongs to a given row.</summary>
public enum FolderState
{
    /// <summary>No folder (nor file) at the path.</summary>
    Missing,

    /// <summary>The folder's owner file names this very row.</summary>
    Owned,

    /// <summary>The owner file names another row (another database, or a deleted row whose id was reused), or cannot be read.</summary>
    Foreign,

    /// <summary>A folder without an owner file: made before folders recorded their owner, by a row nobody can name now.</summary>
    Unmarked,
}
