using System.Text.Json.Serialization;

namespace Regurgitate.Engine.Decoding;

[JsonConverter(typeof(JsonStringEnumConverter<DecodingStrategy>))]
public enum DecodingStrategy
{
    /// <summary>Take the most probable token at every step.</summary>
    Greedy,

    /// <summary>Beam search over <see cref="DecodingConfig.BeamSize"/> hypotheses per sentence.</summary>
    Beam,
}
