namespace Regurgitate.Engine.Experiments.Events;

public sealed record TranslationSample(string Source, string Reference, string Hypothesis);
