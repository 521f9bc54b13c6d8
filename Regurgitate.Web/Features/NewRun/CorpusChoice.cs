namespace Regurgitate.Web.Features.NewRun;

public sealed record CorpusChoice(string Id, string Label);
