using System.Text.Json.Nodes;
using Regurgitate.Engine.Experiments.Design;
using static Regurgitate.Workbench.Tests.Hostile.HostileInputs;

namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>Hostile experiment specs, parsed as the CLI and the JSON editor do, then created through the service.</summary>
internal static class HostileSpecCases
{
    public static readonly HostileCase[] All =
    [
        // ---- Experiment specs: parsed as the CLI and the JSON editor do, then created through the service ----
        new("spec: unknown field", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["learningRate"] = 0.1);
            AssertNames(error, "hostile.json", "learningRate");
        }),
        new("spec: malformed JSON", HostileOutcome.Unchanged, async b =>
        {
            var json = ValidSpecJson();
            var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => b.CreateSpecAsync(json[..(json.Length / 2)]));
            AssertNames(error, "hostile.json", "Not a valid experiment spec at line ");
        }),
        new("spec: training size out of range", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["sizes"] = new JsonArray(40, 8));
            AssertField(error, "sizes[1]");
        }),
        new("spec: dev size out of range", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["devSize"] = -5);
            AssertField(error, "devSize");
        }),
        new("spec: null where a list belongs", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["sizes"] = null);
            AssertNames(error, "hostile.json", "sizes");
        }),
        new("spec: null where a section belongs", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["model"] = null);
            AssertNames(error, "hostile.json", "model");
        }),
        new("spec: null entry in a list", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["syntheticSources"] = new JsonArray((JsonNode?)null));
            AssertField(error, "syntheticSources[0]");
        }),
        new("spec: real fraction above 1", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["realFractions"] = new JsonArray(1.0, 1.5));
            AssertField(error, "realFractions[1]");
        }),
        new("spec: synthetic fraction without synthetic sources", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["realFractions"] = new JsonArray(1.0, 0.5));
            AssertField(error, "syntheticSources");
        }),
        new("spec: unknown corpus", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["corpusId"] = "no-such-corpus");
            AssertField(error, "corpusId");
            AssertNames(error, "no-such-corpus");
        }),
        new("spec: all references for a test set with one", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["references"] = "all");
            AssertField(error, "references");
            AssertNames(error, "corpus 'multi30k' has one human reference");
        }),
        new("spec: unknown reference choice", HostileOutcome.Unchanged, async b =>
        {
            var error = await b.RefusedSpecAsync(spec => spec["references"] = "both");
            AssertNames(error, "hostile.json", "$.references");
        }),
        new("spec: duplicate experiment name", HostileOutcome.Unchanged, async b =>
        {
            // The spec itself is valid, so the refusal comes from the service, which knows no file name.
            var error = await Assert.ThrowsAsync<ExperimentSpecException>(() => b.CreateSpecAsync(ValidSpecJson()));
            Assert.Equal("name", Assert.Single(error.Errors).Field);
            AssertNames(error, "name: An experiment named 'hostile' exists already");
        }, Seed: b => b.CreateSpecAsync(ValidSpecJson())),
    ];
}
