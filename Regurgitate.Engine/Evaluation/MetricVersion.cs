using System.Reflection;

namespace Regurgitate.Engine.Evaluation;

/// <summary>The <c>version:</c> field of metric signatures: this engine's version, so scores trace back to the code.</summary>
internal static class MetricVersion
{
    public static string Value { get; } = Read();

    private static string Read()
    {
        var informational = typeof(MetricVersion).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        if (string.IsNullOrEmpty(informational))
        {
            return typeof(MetricVersion).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
        }

        var plus = informational.IndexOf('+', StringComparison.Ordinal);
        return plus >= 0 ? informational[..plus] : informational;
    }
}
