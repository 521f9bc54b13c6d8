using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Scheduling;

public sealed class HeavyWorkOptionsValidator : IValidateOptions<HeavyWorkOptions>
{
    public ValidateOptionsResult Validate(string? name, HeavyWorkOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var prefix = HeavyWorkOptions.SectionName + ":";
        if (options.MaxConcurrentJobs is < 1 or > 64)
        {
            errors.Add($"{prefix}{nameof(HeavyWorkOptions.MaxConcurrentJobs)} must be between 1 and 64 (was {options.MaxConcurrentJobs}).");
        }

        if (options.Threads is < 1 or > 256)
        {
            errors.Add($"{prefix}{nameof(HeavyWorkOptions.Threads)} must be between 1 and 256 (was {options.Threads}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
