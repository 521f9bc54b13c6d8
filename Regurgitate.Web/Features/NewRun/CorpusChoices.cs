namespace Regurgitate.Web.Features.NewRun;

/// <summary>
/// The corpora the form offers. The engine's corpus catalog is not in main yet; when it lands, this list should come
/// from it so that the form never offers a corpus the engine cannot load.
/// </summary>
public static class CorpusChoices
{
    public static IReadOnlyList<CorpusChoice> All { get; } =
    [
        new("multi30k", "Multi30k — image captions (29k pairs)"),
        new("newstest", "WMT newstest 2008–2018 — news (31k pairs)"),
        new("tatoeba", "Tatoeba — short everyday sentences (17k pairs)"),
    ];

    public static bool Contains(string? id) => All.Any(c => c.Id == id);
}
