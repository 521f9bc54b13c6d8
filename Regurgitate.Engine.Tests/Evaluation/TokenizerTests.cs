using Regurgitate.Engine.Evaluation.Tokenizers;

namespace Regurgitate.Engine.Tests.Evaluation;

public sealed class TokenizerTests
{
    [Theory]
    [InlineData("It costs 1,000.5.", "It costs 1,000.5 .")]
    [InlineData("Es kostet 1.000,50 €.", "Es kostet 1.000,50 € .")]
    [InlineData("„Straße“ – gut.", "„Straße“ – gut .")]
    [InlineData("pages 10-15, 2019-2020", "pages 10 - 15 , 2019 - 2020")]
    [InlineData("A <skipped> B &quot;C&quot; &apos;D&apos;", "A B \" C \" & apos ; D & apos ;")]
    [InlineData("line-\nbreak\nhere", "linebreak here")]
    [InlineData("!?.", "! ? .")]
    public void Tokenizer_13a(string input, string expected) =>
        Assert.Equal(expected, new Tokenizer13a().Tokenize(input));

    [Theory]
    [InlineData("It costs 1,000.5.", "It costs 1,000.5.")]
    [InlineData("„Straße“ – gut.", "„ Straße “ – gut .")]
    [InlineData("Er zahlte 12,50 € für »Bücher«!", "Er zahlte 12,50 € für » Bücher « !")]
    [InlineData("pizza🍕yum", "pizza 🍕 yum")]
    [InlineData("x+y=z", "x + y = z")]
    public void Tokenizer_intl(string input, string expected) =>
        Assert.Equal(expected, new TokenizerIntl().Tokenize(input));

    [Theory]
    [InlineData("ab c", "a b   c")]
    [InlineData("ü🍕", "ü 🍕")]
    public void Tokenizer_char_separates_code_points(string input, string expected) =>
        Assert.Equal(expected, new TokenizerChar().Tokenize(input));
}
