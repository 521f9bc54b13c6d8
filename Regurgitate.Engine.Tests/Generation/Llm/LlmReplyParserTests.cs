using Regurgitate.Engine.Generation.Llm;

namespace Regurgitate.Engine.Tests.Generation.Llm;

public sealed class LlmReplyParserTests
{
    [Theory]
    [InlineData("The dog runs.", "The dog runs.")]
    [InlineData("  \"The dog runs.\"  ", "The dog runs.")]
    [InlineData("English: The dog runs.", "The dog runs.")]
    [InlineData("english translation: “The dog runs.”", "The dog runs.")]
    [InlineData("**English:** The dog runs.", "The dog runs.")]
    [InlineData("Translation: 'The dog runs.'", "The dog runs.")]
    [InlineData("Here is the translation:\n\nThe dog runs.\n\nNote: 'läuft' means runs.", "The dog runs.")]
    [InlineData("```\nThe dog runs.\n```", "The dog runs.")]
    [InlineData("\"Stop,\" he said, \"now.\"", "\"Stop,\" he said, \"now.\"")]
    [InlineData("I'm sorry.", "I'm sorry.")]
    [InlineData("Englishmen are here.", "Englishmen are here.")]
    public void Cleaning_policy(string content, string expected) => Assert.Equal(expected, LlmReplyParser.Clean(content));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("English:")]
    public void Nothing_left_is_an_empty_failure_never_an_empty_translation(string content)
    {
        var reply = LlmReplyParser.Parse(FakeReply.Success(content).Body);
        Assert.Null(reply.Text);
        Assert.StartsWith(LlmFailureKinds.Empty, reply.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_json_is_a_failure() =>
        Assert.StartsWith(LlmFailureKinds.Malformed, LlmReplyParser.Parse("{\"choices\":").Failure, StringComparison.Ordinal);

    [Fact]
    public void Policy_version_is_recorded() => Assert.Equal(1, LlmReplyParser.PolicyVersion);
}
