using Microsoft.Extensions.Options;

namespace Regurgitate.Engine.Data;

/// <summary>
/// The known real (human-translated) German→English corpora and where their files are, resolved against
/// <see cref="DataOptions.DataDirectory"/>. Files are named relative to the data directory as laid out in
/// <c>shared/data/MANIFEST.md</c>.
/// </summary>
public sealed class CorpusCatalog
{
    /// <summary>The configuration key users must fix when the data directory is wrong.</summary>
    public const string DataDirectoryKey = DataOptions.SectionName + ":" + nameof(DataOptions.DataDirectory);

    private readonly string configuredDirectory;

    /// <param name="options">Configured data directory.</param>
    /// <param name="baseDirectory">What a relative data directory is relative to (the application's content root).</param>
    public CorpusCatalog(DataOptions options, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseDirectory);
        configuredDirectory = options.DataDirectory;
        DataDirectory = Path.GetFullPath(options.DataDirectory, Path.GetFullPath(baseDirectory));
        DatasetsDirectory = Path.GetFullPath(options.DatasetsDirectory, Path.GetFullPath(baseDirectory));
    }

    public CorpusCatalog(IOptions<DataOptions> options, string baseDirectory)
        : this((options ?? throw new ArgumentNullException(nameof(options))).Value, baseDirectory)
    {
    }

    /// <summary>Absolute path of the data directory.</summary>
    public string DataDirectory { get; }

    /// <summary>Absolute path of the folder holding generated datasets.</summary>
    public string DatasetsDirectory { get; }

    public static IReadOnlyList<CorpusDescriptor> Corpora { get; } =
    [
        new()
        {
            Id = "multi30k",
            Name = "Multi30k",
            Description = "Multi30k task 1: one German and one English caption per Flickr30K image; official train (29,000), val (1,014) and test_2016_flickr (1,000). Short sentences, ~12 words.",
            Domain = "image captions",
            Licence = "No licence file; derived from Flickr30K, for non-commercial research and educational use.",
            Origin = "multi30k/dataset @ a3d2e0d2 (data/task1/raw)",
            TargetTokensPerPair = 16,
            Train = [Gz("multi30k/train")],
            Dev = [Gz("multi30k/val")],
            Test = [Gz("multi30k/test_2016_flickr")],
        },
        new()
        {
            Id = "newstest",
            Name = "WMT newstest De–En",
            Description = "WMT news test sets used as parallel data: train = newstest2008–2018 + newssyscomb2009 (30,746), dev = newstest2019 (2,000), test = newstest2020 reference A, reference B available (785, paragraph-length segments). Years are separate documents, so no document crosses splits.",
            Domain = "news",
            Licence = "WMT test sets; research use under WMT's terms.",
            Origin = "Helsinki-NLP/OPUS-MT-testsets @ ac0f19c0 (testsets/deu-eng)",
            TargetTokensPerPair = 38,
            Train = [.. Enumerable.Range(2008, 11).Select(year => Gz($"newstest-deen/newstest{year}")), Gz("newstest-deen/newssyscomb2009")],
            Dev = [Gz("newstest-deen/newstest2019")],
            Test = [Gz("newstest-deen/newstest2020") with { SecondReference = "newstest-deen/newstestB2020.en.gz" }],
        },
        new()
        {
            Id = "tatoeba",
            Name = "Tatoeba De–En",
            Description = "Tatoeba test set v2021-08-07 (17,565 pairs of short everyday sentences) used as one pool, split by seeded sampling; an English target of dev or test never appears in training.",
            Domain = "everyday conversation",
            Licence = "Tatoeba sentences: CC-BY 2.0 FR.",
            Origin = "Helsinki-NLP/OPUS-MT-testsets @ ac0f19c0 (Tatoeba v2021-08-07)",
            TargetTokensPerPair = 11,
            Pool = [Gz("tatoeba-deen/tatoeba-test-v2021-08-07")],
            DeduplicateTargets = true,
        },
        new()
        {
            Id = "wmt22",
            Name = "WMT22 general test De–En",
            Description = "WMT22 general test set (1,984 segments in 271 documents, reference A; reference B available) used as one pool, split by whole documents. The same German sources were translated by 15 MT and LLM systems (GPT-4, ChatGPT, text-davinci-002/003, WMT22 submissions), available as synthetic targets.",
            Domain = "news, e-commerce, social, conversation",
            Licence = "WMT22 shared-task release; research use.",
            Origin = "wmt-conference/wmt22-news-systems @ 20240a2e / microsoft/gpt-MT @ d64e21fb",
            TargetTokensPerPair = 30,
            Pool =
            [
                new("wmt22-deen/generaltest2022.de-en.src.de", "wmt22-deen/generaltest2022.de-en.ref.A.en")
                {
                    DocumentIds = "wmt22-deen/generaltest2022.de-en.docids",
                    SecondReference = "wmt22-deen/generaltest2022.de-en.ref.B.en",
                },
            ],
        },
        new()
        {
            Id = "wmt21",
            Name = "WMT21 newstest De–En",
            Description = "WMT21 news test set (1,000 segments, reference A; reference B available) used as one pool, split by segment (the data carry no document ids); 19 WMT21 submissions translated the same sources and are available as synthetic targets.",
            Domain = "news",
            Licence = "WMT21 shared-task release; research use.",
            Origin = "wmt-conference/wmt21-news-systems @ f41750da",
            TargetTokensPerPair = 40,
            Pool = [new("wmt21-deen/newstest2021.de-en.src.de", "wmt21-deen/newstest2021.de-en.ref.A.en") { SecondReference = "wmt21-deen/newstest2021.de-en.ref.B.en" }],
        },
    ];

    /// <summary>The corpus with this id, ignoring case; null when the catalog has none.</summary>
    public static CorpusDescriptor? Find(string? corpusId) =>
        Corpora.FirstOrDefault(c => string.Equals(c.Id, corpusId, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="ArgumentException">The id is not in the catalog (the message lists the known ids).</exception>
    public static CorpusDescriptor Get(string corpusId) =>
        Find(corpusId)
        ?? throw new ArgumentException($"Unknown corpus '{corpusId}'. Known corpora: {string.Join(", ", Corpora.Select(c => c.Id))}.", nameof(corpusId));

    /// <summary>Which catalog corpora have all their files on disk. Never throws for a missing directory.</summary>
    public IReadOnlyList<CorpusAvailability> GetAvailability() =>
        [.. Corpora.Select(corpus => new CorpusAvailability(
            corpus,
            [.. corpus.FilesWithCompanions.Select(file => Path.GetFullPath(file, DataDirectory)).Where(path => !File.Exists(path))]))];

    public IReadOnlyList<CorpusDescriptor> ListAvailable() =>
        [.. GetAvailability().Where(a => a.IsAvailable).Select(a => a.Corpus)];

    /// <summary>Full path of a corpus file, checked to exist.</summary>
    /// <exception cref="DirectoryNotFoundException">The data directory itself is missing.</exception>
    /// <exception cref="FileNotFoundException">The file is missing.</exception>
    public string ResolveFile(string relativePath)
    {
        EnsureDataDirectory();
        var path = Path.GetFullPath(relativePath, DataDirectory);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"Corpus file '{path}' is missing from the data directory '{DataDirectory}' (configuration key {DataDirectoryKey}).",
                path);
        }

        return path;
    }

    /// <exception cref="DirectoryNotFoundException">The data directory is missing; the message names it and the configuration key.</exception>
    public void EnsureDataDirectory()
    {
        if (!Directory.Exists(DataDirectory))
        {
            throw new DirectoryNotFoundException(
                $"The data directory '{DataDirectory}' does not exist. It comes from configuration key {DataDirectoryKey} = '{configuredDirectory}' "
                + "(a relative path is resolved against the application's content root).");
        }
    }

    private static ParallelFiles Gz(string stem) => new($"{stem}.de.gz", $"{stem}.en.gz");
}
