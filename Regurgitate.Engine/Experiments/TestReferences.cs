using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Experiments;

/// <summary>
/// Which human references score a run's test translations. A second, independent reference (WMT's reference B) makes
/// BLEU and chrF less dependent on one translator's wording; the metric signatures then read <c>nrefs:2</c>. Written by
/// name (<c>"one"</c>, <c>"all"</c>) in specs and run configurations alike.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<TestReferences>))]
public enum TestReferences
{
    /// <summary>The corpus's first reference only (reference A): the scores published test sets usually report.</summary>
    [JsonStringEnumMemberName("one")]
    One,

    /// <summary>Every human reference of the test set; refused for a corpus whose test set has only one.</summary>
    [JsonStringEnumMemberName("all")]
    All,
}
