namespace Regurgitate.Engine.Tests.Data;

/// <summary>
/// A small stand-in for the WMT22 pool written where the catalog expects it: <c>documents</c> documents of 1 to 5
/// segments (in file order, as the real set is), reference A, reference B and the document ids, all line-aligned.
/// </summary>
public static class FakeWmt22
{
    public const string Folder = "wmt22-deen";

    /// <returns>Each German source with its document id and reference B.</returns>
    public static IReadOnlyDictionary<string, (string Document, string ReferenceB)> Write(TempFolder temp, string dataFolder, int documents)
    {
        var sources = new List<string>();
        var referencesA = new List<string>();
        var referencesB = new List<string>();
        var ids = new List<string>();
        for (var d = 0; d < documents; d++)
        {
            for (var s = 0; s <= d % 5; s++)
            {
                sources.Add($"Im Bericht {d} steht Satz {s} über das Wetter.");
                referencesA.Add($"Report {d} has sentence {s} about the weather.");
                referencesB.Add($"Sentence {s} of report {d} is about the weather.");
                ids.Add($"en_de_doc{d:D3}");
            }
        }

        temp.Write($"{dataFolder}/{Folder}/generaltest2022.de-en.src.de", Lines(sources));
        temp.Write($"{dataFolder}/{Folder}/generaltest2022.de-en.ref.A.en", Lines(referencesA));
        temp.Write($"{dataFolder}/{Folder}/generaltest2022.de-en.ref.B.en", Lines(referencesB));
        temp.Write($"{dataFolder}/{Folder}/generaltest2022.de-en.docids", Lines(ids));
        return sources.Select((source, i) => (source, ids[i], referencesB[i])).ToDictionary(x => x.source, x => (x.Item2, x.Item3));
    }

    private static string Lines(IEnumerable<string> lines) => string.Concat(lines.Select(l => l + "\n"));
}
