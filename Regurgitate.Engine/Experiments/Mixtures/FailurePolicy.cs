using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Experiments.Mixtures;

/// <summary>
/// What a training set does with a source a generator failed to translate (an error, or no text). Failures are not
/// random: they are often the hardest sources, so the policy decides whether the synthetic data lose their worst cases.
/// Written by name (<c>"keep-as-empty"</c>) in specs and run configurations alike.
/// </summary>
[JsonConverter(typeof(JsonStringEnumConverter<FailurePolicy>))]
public enum FailurePolicy
{
    /// <summary>
    /// The source leaves the pool of every condition, the all-real one included, so all conditions still share their
    /// sources; the synthetic data lose their failures silently (the behaviour of specs written before the policy existed).
    /// </summary>
    [JsonStringEnumMemberName("drop-everywhere")]
    DropEverywhere,

    /// <summary>The source stays everywhere; where the failed generator supplies it, it is trained on with an empty target.</summary>
    [JsonStringEnumMemberName("keep-as-empty")]
    KeepAsEmpty,

    /// <summary>
    /// The source stays in the all-real and the other generators' sets; the failed generator's slot takes the next
    /// source of the seeded order that it did translate, so its set keeps its size but not its sources.
    /// </summary>
    [JsonStringEnumMemberName("replace-with-next-source")]
    ReplaceWithNextSource,
}
