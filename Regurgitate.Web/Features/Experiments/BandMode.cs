namespace Regurgitate.Web.Features.Experiments;

/// <summary>What the shaded band around a learning curve's mean shows.</summary>
public enum BandMode
{
    /// <summary>Mean ± one sample standard deviation over seeds.</summary>
    Std,

    /// <summary>Lowest to highest seed.</summary>
    Range,

    /// <summary>Means only.</summary>
    None,
}
