namespace Regurgitate.Workbench.Datasets;

/// <summary>
/// Public German–English corpora with their canonical URLs. Checksums are listed only where a maintainer publishes
/// one (sacreBLEU's dataset table has MD5s of the WMT tarballs); other files are recorded after their first download
/// and shown as unverified.
/// </summary>
public static class KnownCorpusDownloads
{
    /// <summary>The multi30k/dataset commit the data directory's copy comes from (shared/data/MANIFEST.md).</summary>
    public const string Multi30kCommit = "a3d2e0d26b56f3846f66a952536ffed4e401d05a";

    private const string SacreBleu = "sacreBLEU's dataset table (sacrebleu/dataset/__init__.py)";

    public static IReadOnlyList<KnownCorpus> All { get; } =
    [
        new()
        {
            Id = "europarl-v7-de-en",
            Name = "Europarl v7 German–English",
            Description = "Proceedings of the European Parliament 1996–2011, sentence-aligned (about 1.9 M pairs): europarl-v7.de-en.de / .en inside a tarball of about 190 MB.",
            Licence = "Europarl: no copyright restrictions known to the distributors (statmt.org); cite Koehn (2005).",
            Homepage = new Uri("https://www.statmt.org/europarl/"),
            Files = [new(new Uri("https://www.statmt.org/europarl/v7/de-en.tgz"), "de-en.tgz")],
            AfterDownload = "Unpack de-en.tgz; europarl-v7.de-en.de and europarl-v7.de-en.en can then be imported as a plain pair.",
        },
        new()
        {
            Id = "multi30k",
            Name = "Multi30k task 1 (raw)",
            Description = "Image captions, one German and one English per Flickr30K image: train, val and test_2016_flickr, gzip'd plain text from the multi30k/dataset repository.",
            Licence = "No licence file; derived from Flickr30K, for non-commercial research and educational use.",
            Homepage = new Uri("https://github.com/multi30k/dataset"),
            Files =
            [
                .. new[] { "train", "val", "test_2016_flickr" }.SelectMany(split => new[] { "de", "en" }.Select(lang =>
                    new KnownCorpusFile(new Uri($"https://raw.githubusercontent.com/multi30k/dataset/{Multi30kCommit}/data/task1/raw/{split}.{lang}.gz"), $"{split}.{lang}.gz"))),
            ],
            LocalFiles = [.. new[] { "train", "val", "test_2016_flickr" }.SelectMany(split => new[] { $"multi30k/{split}.de.gz", $"multi30k/{split}.en.gz" })],
        },
        new()
        {
            Id = "wmt20-test",
            Name = "WMT20 news test sets (newstest2020)",
            Description = "WMT20 test tarball (SGML), as sacreBLEU downloads it for -t wmt20; holds newstest2020 de-en (785 segments) and newstestB2020.",
            Licence = "WMT test sets; research use under WMT's terms.",
            Homepage = new Uri("https://www.statmt.org/wmt20/translation-task.html"),
            Files = [new(new Uri("https://data.statmt.org/wmt20/translation-task/test.tgz"), "wmt20-test.tgz", Md5: "3b1f777cfd2fb15ccf66e9bfdb2b1699", ChecksumSource: SacreBleu)],
            LocalFiles = ["newstest-deen/newstest2020.de.gz", "newstest-deen/newstest2020.en.gz"],
            AfterDownload = "Unpack; sgm/newstest2020-deen-src.de.sgm and -ref.en.sgm hold the segments inside <seg> tags.",
        },
        new()
        {
            Id = "wmt21-test",
            Name = "WMT21 news test set (newstest2021)",
            Description = "WMT21 test tarball (XML), as sacreBLEU downloads it for -t wmt21; holds newstest2021 de-en (1,000 segments, references A and B).",
            Licence = "WMT21 shared-task release; research use.",
            Homepage = new Uri("https://www.statmt.org/wmt21/translation-task.html"),
            Files = [new(new Uri("https://data.statmt.org/wmt21/translation-task/test.tgz"), "wmt21-test.tgz", Md5: "32e7ab995bc318414375d60f0269af92", ChecksumSource: SacreBleu)],
            LocalFiles = ["wmt21-deen/newstest2021.de-en.src.de", "wmt21-deen/newstest2021.de-en.ref.A.en"],
            AfterDownload = "Unpack; test/newstest2021.de-en.xml holds source and references.",
        },
        new()
        {
            Id = "wmt22-general",
            Name = "WMT22 general test set with system outputs",
            Description = "wmt22-news-systems v1.1 release (as sacreBLEU downloads it for -t wmt22): sources, references and every submitted system's output.",
            Licence = "WMT22 shared-task release; research use.",
            Homepage = new Uri("https://github.com/wmt-conference/wmt22-news-systems"),
            Files = [new(new Uri("https://github.com/wmt-conference/wmt22-news-systems/archive/refs/tags/v1.1.tar.gz"), "wmt22-news-systems-v1.1.tar.gz", Md5: "0840978b9b50b9ac3b2b081e37d620b9", ChecksumSource: SacreBleu)],
            LocalFiles = ["wmt22-deen/generaltest2022.de-en.src.de", "wmt22-deen/generaltest2022.de-en.ref.A.en"],
            AfterDownload = "Unpack; txt/ holds plain-text sources, references and system outputs.",
        },
    ];

    public static KnownCorpus? Find(string id) => All.FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));
}
