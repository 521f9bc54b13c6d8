using Regurgitate.Engine.Analysis;

namespace Regurgitate.Engine.Tests.Analysis;

public sealed class ErrorSignalsTests
{
    [Fact]
    public void A_good_translation_raises_no_flag()
    {
        var s = ErrorSignals.Compute(
            "Die Regierung in Berlin hat am Montag 1.000 neue Stellen angekündigt.",
            "The government in Berlin announced 1,000 new jobs on Monday.");
        Assert.False(s.Any, s.ToString());
        Assert.Equal(0, s.NumberMismatches);
        Assert.InRange(s.LengthRatio, 0.8, 1.0);
    }

    [Fact]
    public void Copied_german_is_untranslated_and_non_english()
    {
        var source = "Der Hund schläft heute nicht auf dem Sofa.";
        var s = ErrorSignals.Compute(source, source);
        Assert.True(s.Untranslated);
        Assert.True(s.NonEnglish);
        // Der, Hund, Sofa stay capitalised (could be names); schläft heute nicht auf dem are copies: 5 of 8.
        Assert.Equal(5.0 / 8, s.CopiedShare, 12);
        Assert.Equal(1.0, s.CopiedShareWithNames, 12);
        Assert.True(s.GermanShare >= 0.5);
    }

    [Fact]
    public void Shared_spellings_names_and_numbers_are_not_copies()
    {
        var s = ErrorSignals.Compute("Das Hotel in Berlin hat 200 Zimmer und die NATO zahlt.", "The hotel in Berlin has 200 rooms and NATO pays.");
        // Nothing counts: hotel/in are shared spellings, 200 a number, NATO an acronym, Berlin a name kept capitalised.
        Assert.Equal(0, s.CopiedShare, 9);
        Assert.Equal(1.0 / 10, s.CopiedShareWithNames, 9);
        Assert.False(s.Untranslated);
        Assert.False(s.NameMismatch);
    }

    [Fact]
    public void Names_kept_capitalised_are_not_copies()
    {
        var s = ErrorSignals.Compute("Max Verstappen hat es geschafft.", "Max Verstappen did it.");
        Assert.Equal(0, s.CopiedShare);
        Assert.False(s.Untranslated);
    }

    [Fact]
    public void Loops_are_detected_by_trigram_repeats_and_token_runs()
    {
        var loop = ErrorSignals.Compute("Ich gehe nach Hause.", "I am going home, I am going home, I am going home, I am going home");
        Assert.True(loop.Loop);
        Assert.Equal(4, loop.MaxTrigramRepeats);

        var run = ErrorSignals.Compute("Nein.", "No no no no no");
        Assert.True(run.Loop);
        Assert.Equal(5, run.LongestTokenRun);

        // Repetition that the source has too is not a loop.
        var echoed = ErrorSignals.Compute("Ja ja ja, so so so, na na na", "Yes yes yes, so so so, well well well");
        Assert.False(echoed.Loop);
    }

    [Fact]
    public void Numbers_are_normalised_across_separator_conventions()
    {
        Assert.Equal(["1000", "1.5", "10000.25", "20", "30"], ErrorSignals.Numbers("1.000 und 1,5 und 10.000,25 um 20:30"));
        Assert.Equal(["1000", "1.5", "10000.25"], ErrorSignals.Numbers("1,000 and 1.5 and 10,000.25"));
        Assert.Equal(["10000", "12", "12", "19", "1", "9", "2004"], ErrorSignals.Numbers("vor 10 000 Leuten am 12.12.19 und 01.09.2004"));
        Assert.Equal(["10000", "12", "12", "19"], ErrorSignals.Numbers("10,000 people on 12/12/19"));

        var ok = ErrorSignals.Compute("Es kostet 1.000,50 Euro.", "It costs 1,000.50 euros.");
        Assert.False(ok.NumberMismatch);
        var wrong = ErrorSignals.Compute("Es kostet 1.000 Euro für 3 Tage.", "It costs 100 euros for 3 days.");
        Assert.True(wrong.NumberMismatch);
        Assert.Equal(2, wrong.NumberMismatches); // 1000 missing, 100 extra
    }

    [Fact]
    public void Empty_and_failed_outputs_are_flagged()
    {
        Assert.True(ErrorSignals.Compute("Guten Morgen, wie geht es Ihnen heute?", null).Empty);
        var blank = ErrorSignals.Compute("Guten Morgen, wie geht es Ihnen heute?", "   ");
        Assert.True(blank.Empty);
        Assert.True(blank.Any);
        Assert.False(blank.Omission); // emptiness is its own signal
    }

    [Fact]
    public void Length_ratio_flags_omissions_and_additions()
    {
        var source = "Der Vorstand hat gestern beschlossen, das Werk in Bayern im kommenden Jahr zu schließen.";
        Assert.True(ErrorSignals.Compute(source, "The board decided.").Omission);
        Assert.True(ErrorSignals.Compute(source, string.Concat(Enumerable.Repeat("The board decided yesterday to close the plant in Bavaria next year, which many found surprising. ", 3))).Addition);

        // Short sources are not judged by length.
        Assert.False(ErrorSignals.Compute("Hallo!", "Hello there, my dear friend, how are you?").Addition);
    }

    [Fact]
    public void Names_missing_or_invented_are_mismatches()
    {
        var invented = ErrorSignals.Compute("Der Minister sprach gestern.", "Minister Smith spoke yesterday.");
        Assert.True(invented.NameMismatch); // "Smith" is not in the source
        var dropped = ErrorSignals.Compute("Die EU und die UNO verhandeln.", "The union and the organisation negotiate.");
        Assert.Equal(2, dropped.NameMismatches);
        var weekday = ErrorSignals.Compute("Wir kommen am Montag.", "We are coming on Monday.");
        Assert.False(weekday.NameMismatch);

        // Capitals after a sentence end, colon or quote inside a segment are not names.
        var sentences = ErrorSignals.Compute("Es regnet. Wir bleiben: Zuhause ist es \"schön\".", "It is raining. We stay: Home is \"Lovely\".");
        Assert.False(sentences.NameMismatch, sentences.ToString());
    }
}
