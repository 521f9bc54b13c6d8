namespace Regurgitate.Engine.Generation;

/// <summary>A German source sentence and its position in the source pool it came from (the alignment key).</summary>
public sealed record SourceSegment(int Index, string Text);
