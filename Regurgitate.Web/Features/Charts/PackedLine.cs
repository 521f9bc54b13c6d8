namespace Regurgitate.Web.Features.Charts;

/// <summary>Where one line's numbers sit in a <see cref="PackedPoints"/> block (byte offsets; <paramref name="Count"/> points).</summary>
public sealed record PackedLine(int XOffset, int YOffset, int Count);
