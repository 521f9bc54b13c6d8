using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Archives;

public sealed class ArchiveOptionsValidator : IValidateOptions<ArchiveOptions>
{
    public ValidateOptionsResult Validate(string? name, ArchiveOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        const string s = ArchiveOptions.SectionName;
        var errors = new List<string>();
        if (options.MaxArchiveBytes <= 0)
        {
            errors.Add($"{s}:{nameof(options.MaxArchiveBytes)} must be positive (was {options.MaxArchiveBytes}).");
        }

        if (options.MaxEntries <= 0)
        {
            errors.Add($"{s}:{nameof(options.MaxEntries)} must be positive (was {options.MaxEntries}).");
        }

        if (options.MaxUncompressedBytes <= 0)
        {
            errors.Add($"{s}:{nameof(options.MaxUncompressedBytes)} must be positive (was {options.MaxUncompressedBytes}).");
        }

        if (!(options.MaxCompressionRatio >= 1))
        {
            errors.Add($"{s}:{nameof(options.MaxCompressionRatio)} must be at least 1 (was {options.MaxCompressionRatio}).");
        }

        if (options.RatioCheckFromBytes < 0)
        {
            errors.Add($"{s}:{nameof(options.RatioCheckFromBytes)} must not be negative (was {options.RatioCheckFromBytes}).");
        }

        if (options.MaxManifestBytes <= 0)
        {
            errors.Add($"{s}:{nameof(options.MaxManifestBytes)} must be positive (was {options.MaxManifestBytes}).");
        }

        if (options.MaxBatchRows <= 0)
        {
            errors.Add($"{s}:{nameof(options.MaxBatchRows)} must be positive (was {options.MaxBatchRows}).");
        }

        if (options.MaxWriteLockHold <= TimeSpan.Zero)
        {
            errors.Add($"{s}:{nameof(options.MaxWriteLockHold)} must be positive (was {options.MaxWriteLockHold}).");
        }

        if (options.PauseBetweenBatches < TimeSpan.Zero)
        {
            errors.Add($"{s}:{nameof(options.PauseBetweenBatches)} must not be negative (was {options.PauseBetweenBatches}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
