namespace Regurgitate.Web.Features.NewRun;

/// <summary>A problem with a run configuration, attached to the form field (a <see cref="NewRunModel"/> property) it concerns.</summary>
public sealed record ConfigError(string Field, string Message);
