namespace Regurgitate.Workbench.Folders;

/// <summary>
/// The row a folder of artefacts belongs to. <see cref="Identity"/> is the row's unique identity, which no other
/// database or later row with the same <see cref="Id"/> shares; the id and kind are kept for people reading the file.
/// </summary>
public sealed record FolderOwner(FolderKind Kind, int Id, Guid Identity);
