using System.Globalization;

namespace Regurgitate.Workbench.Execution;

/// <summary>
/// <see cref="RunsOptions.Packing"/> read: off (null <see cref="Runs"/>, not <see cref="IsAuto"/>), auto, or a fixed
/// number of CPU runs at once.
/// </summary>
public readonly record struct RunPackingSetting(bool IsOff, bool IsAuto, int? Runs)
{
    public static bool TryParse(string? text, out RunPackingSetting setting)
    {
        var value = (text ?? "").Trim();
        if (value.Equals("off", StringComparison.OrdinalIgnoreCase))
        {
            setting = new RunPackingSetting(true, false, null);
            return true;
        }

        if (value.Equals("auto", StringComparison.OrdinalIgnoreCase))
        {
            setting = new RunPackingSetting(false, true, null);
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var runs) && runs is >= 1 and <= 64)
        {
            setting = new RunPackingSetting(false, false, runs);
            return true;
        }

        setting = default;
        return false;
    }

    /// <summary>A setting the validator has accepted at start-up.</summary>
    public static RunPackingSetting Parse(string? text) =>
        TryParse(text, out var setting) ? setting : throw new FormatException($"Packing must be auto, off or 1-64 (was '{text}').");
}
