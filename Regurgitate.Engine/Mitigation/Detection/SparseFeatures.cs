namespace Regurgitate.Engine.Mitigation.Detection;

/// <summary>Feature indices (ascending, distinct) and their values, kept in single precision: training holds every
/// example's features in memory (about 450 n-grams for a 17-word segment).</summary>
internal sealed record SparseFeatures(int[] Indices, float[] Values);
