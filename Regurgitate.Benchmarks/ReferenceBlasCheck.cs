using System.Globalization;

namespace Regurgitate.Benchmarks;

/// <summary>
/// Whether the PyTorch reference runs on an optimised BLAS. Debian's <c>python3-torch</c> takes whichever
/// <c>libblas.so.3</c> the system provides, and without OpenBLAS that is the netlib reference BLAS, about 20× slower:
/// a speed ratio against it says nothing about our trainer, so it is refused.
/// </summary>
internal sealed record ReferenceBlasCheck(bool Optimised, string Message)
{
    /// <summary>Below this share of libtorch's own GEMM rate the reference cannot be on an optimised BLAS (OpenBLAS reaches 0.6–1.0 of it).</summary>
    public const double MinimumShare = 0.25;

    public static ReferenceBlasCheck Judge(double referenceGflops, double oursGflops)
    {
        var share = referenceGflops / oursGflops;
        var rates = string.Create(CultureInfo.InvariantCulture, $"reference GEMM {referenceGflops:F1} GFLOP/s, ours {oursGflops:F1} GFLOP/s ({share:P0})");
        return share >= MinimumShare
            ? new ReferenceBlasCheck(true, $"BLAS check: {rates}; the reference runs on an optimised BLAS.")
            : new ReferenceBlasCheck(false,
                $"BLAS check FAILED: {rates}. The PyTorch reference is on an unoptimised BLAS (Debian's python3-torch falls back to the reference BLAS); " +
                "install libopenblas0-pthread (apt-get install libopenblas0-pthread) and run again. No ratio printed.");
    }
}
