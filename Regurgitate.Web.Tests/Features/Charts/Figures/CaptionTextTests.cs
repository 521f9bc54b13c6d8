using Regurgitate.Web.Features.Charts.Figures;

namespace Regurgitate.Web.Tests.Features.Charts.Figures;

public sealed class CaptionTextTests
{
    [Fact]
    public void A_caption_names_the_seeds_band_smoothing_and_signature()
    {
        var caption = CaptionText.Build("Test BLEU against training pairs.", "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0", [3, 1, 2, 1], "EMA, α = 0.6", "±1 sd over seeds");

        Assert.Equal(
            "Test BLEU against training pairs. Mean over 3 seeds (1, 2, 3). Shaded: ±1 sd over seeds. Smoothing: EMA, α = 0.6. " +
            "Signature: nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:2.6.0.",
            caption);
    }

    [Fact]
    public void A_single_unsmoothed_run_says_so() =>
        Assert.Equal("Dev BLEU of run #4. Seed 7. Unsmoothed.", CaptionText.Build("Dev BLEU of run #4", null, [7], null));
}
