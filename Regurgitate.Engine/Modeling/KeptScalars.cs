using TorchSharp;

namespace Regurgitate.Engine.Modeling;

/// <summary>
/// Scalars that stay reachable for the life of the process, for the tensor operations the engine runs on every step.
/// TorchSharp turns a .NET number into a <see cref="Scalar"/> whose finalizer frees the native value, and passes on
/// only its handle: a collection on another thread during the native call can free it while libtorch reads it (see
/// issue 19's heavy-load benchmark, and TorchSharp pull request 1434). A static field is never finalized.
/// </summary>
public static class KeptScalars
{
    /// <summary>1, the scale of a plain sum or difference (<c>a.add(b, One)</c> instead of <c>a + b</c>).</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary>0 (an int scalar, as a literal 0 converts).</summary>
    public static readonly Scalar Zero = 0.ToScalar();

    /// <summary>−∞ as a float scalar, for ruling out entries of log-probabilities.</summary>
    public static readonly Scalar NegativeInfinity = float.NegativeInfinity.ToScalar();

    /// <summary>0, 1, ..., <paramref name="count"/> − 1 (<c>arange(count)</c>, whose own 0 and 1 would be temporaries).</summary>
    public static torch.Tensor Range(long count, torch.ScalarType? dtype = null, torch.Device? device = null)
    {
        using var end = count.ToScalar();
        return torch.arange(Zero, end, One, dtype, device);
    }

    /// <summary>Residual sum <paramref name="a"/> + <paramref name="b"/> without a temporary scalar.</summary>
    public static torch.Tensor Sum(torch.Tensor a, torch.Tensor b)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.add(b, One);
    }
}
