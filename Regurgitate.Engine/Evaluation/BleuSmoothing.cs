namespace Regurgitate.Engine.Evaluation;

/// <summary>sacreBLEU's smoothing methods (Chen &amp; Cherry 2014).</summary>
public enum BleuSmoothing
{
    /// <summary>No smoothing.</summary>
    None,

    /// <summary>Method 1: a zero match count becomes <c>value</c> (default 0.1).</summary>
    Floor,

    /// <summary>Method 2: adds <c>value</c> (default 1) to matches and totals of orders 2 and up.</summary>
    AddK,

    /// <summary>Method 3, NIST's mteval-v13a smoothing; sacreBLEU's default.</summary>
    Exp,
}
