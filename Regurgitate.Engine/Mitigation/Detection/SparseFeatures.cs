namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>Feature indices (ascending, distinct) and their values.</summary>
internal sealed record SparseFeatures(int[] Indices, double[] Values);
