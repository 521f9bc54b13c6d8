namespace Regurgitate.Engine.Generation;

/// <summary>
/// The MT and LLM system outputs that ship with the data directory (see <c>shared/data/MANIFEST.md</c>), each aligned
/// line by line with a catalog corpus so that every synthetic pair has a human reference. Ids are
/// <c>&lt;corpus&gt;/&lt;system&gt;</c>, e.g. <c>wmt22/GPT-4</c>.
/// </summary>
public static class ImportedSystemCatalog
{
    private const string GptMt = "microsoft/gpt-MT (MIT) on the WMT22 test set (research use)";
    private const string Wmt22 = "wmt-conference/wmt22-news-systems (WMT22 shared-task release, research use)";
    private const string Wmt21 = "wmt-conference/wmt21-news-systems (WMT21 shared-task release, research use)";

    public static IReadOnlyList<ImportedSystem> Systems { get; } =
    [
        .. new (string File, string Name, string Family, string Origin)[]
        {
            ("GPT-4", "GPT-4", "gpt", GptMt),
            ("ChatGPT-gpt-3.5-turbo.zeroshot", "ChatGPT (gpt-3.5-turbo, zero-shot)", "gpt", GptMt),
            ("text-davinci-003.zeroshot", "text-davinci-003 (zero-shot)", "gpt", GptMt),
            ("text-davinci-003.QR-5shot", "text-davinci-003 (QR 5-shot)", "gpt", GptMt),
            ("text-davinci-002.zeroshot", "text-davinci-002 (zero-shot)", "gpt", GptMt),
            ("MS-Translator", "Microsoft Translator", "commercial-mt", GptMt),
            ("JDExploreAcademy", "JDExploreAcademy", "mt", Wmt22),
            ("LT22", "LT22", "mt", Wmt22),
            ("Lan-Bridge", "Lan-Bridge", "mt", Wmt22),
            ("Online-A", "Online-A", "commercial-mt", Wmt22),
            ("Online-B", "Online-B", "commercial-mt", Wmt22),
            ("Online-G", "Online-G", "commercial-mt", Wmt22),
            ("Online-W", "Online-W", "commercial-mt", Wmt22),
            ("Online-Y", "Online-Y", "commercial-mt", Wmt22),
            ("PROMT", "PROMT", "commercial-mt", Wmt22),
        }.Select(s => Create("wmt22", "wmt22-deen/generaltest2022.de-en.src.de", $"wmt22-deen/systems/{s.File}.en", s.File, s.Name, s.Family, s.Origin)),
        .. new[]
        {
            "Borderline", "Facebook-AI", "HuaweiTSC", "ICL", "Manifold", "NVIDIA-NeMo", "Online-A", "Online-B", "Online-G", "Online-W",
            "Online-Y", "P3AI", "SMU", "UEdin", "UF", "VolcTrans-AT", "VolcTrans-GLAT", "Watermelon", "happypoet",
        }.Select(name => Create("wmt21", "wmt21-deen/newstest2021.de-en.src.de", $"wmt21-deen/systems/{name}.en", name, name, name.StartsWith("Online", StringComparison.Ordinal) ? "commercial-mt" : "mt", Wmt21)),
    ];

    public static ImportedSystem? Find(string generatorId) =>
        Systems.FirstOrDefault(s => string.Equals(s.Generator.Id, generatorId, StringComparison.OrdinalIgnoreCase));

    public static IEnumerable<ImportedSystem> ForCorpus(string corpusId) =>
        Systems.Where(s => string.Equals(s.CorpusId, corpusId, StringComparison.OrdinalIgnoreCase));

    private static ImportedSystem Create(string corpusId, string source, string output, string fileStem, string name, string family, string origin) =>
        new(
            new GeneratorDescriptor
            {
                Id = $"{corpusId}/{fileStem}",
                Name = name,
                Kind = GeneratorKind.Imported,
                Family = family,
                Settings = new Dictionary<string, string> { ["sourceFile"] = source, ["outputFile"] = output },
            },
            corpusId,
            source,
            output,
            origin,
            origin.Contains("MIT", StringComparison.Ordinal) ? "MIT (outputs); WMT22 sources and references for research use" : "WMT shared-task release; research use");
}
