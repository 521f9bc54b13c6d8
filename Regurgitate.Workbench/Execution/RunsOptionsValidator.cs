using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Execution;

public sealed class RunsOptionsValidator : IValidateOptions<RunsOptions>
{
    public ValidateOptionsResult Validate(string? name, RunsOptions options)
    {
        var errors = new List<string>();
        var prefix = RunsOptions.SectionName + ":";
        if (string.IsNullOrWhiteSpace(options.RunsDirectory))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.RunsDirectory)} must name a folder for run artefacts.");
        }

        if (options.MaxConcurrentRuns is < 1 or > 64)
        {
            errors.Add($"{prefix}{nameof(RunsOptions.MaxConcurrentRuns)} must be between 1 and 64 (was {options.MaxConcurrentRuns}).");
        }

        if (options.MaxConcurrentHostedRuns is < 1 or > 64)
        {
            errors.Add($"{prefix}{nameof(RunsOptions.MaxConcurrentHostedRuns)} must be between 1 and 64 (was {options.MaxConcurrentHostedRuns}).");
        }

        if (options.MetricFlushInterval <= TimeSpan.Zero || options.MetricFlushInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.MetricFlushInterval)} must be more than 0 and at most 00:01:00 (was {options.MetricFlushInterval}).");
        }

        if (options.QueuePollInterval < TimeSpan.FromMilliseconds(10) || options.QueuePollInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.QueuePollInterval)} must be between 00:00:00.01 and 00:01:00 (was {options.QueuePollInterval}).");
        }

        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(10) || options.HeartbeatInterval > TimeSpan.FromMinutes(1))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.HeartbeatInterval)} must be between 00:00:00.01 and 00:01:00 (was {options.HeartbeatInterval}).");
        }

        if (options.LeaseDuration < options.HeartbeatInterval * 3 || options.LeaseDuration > TimeSpan.FromHours(1))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.LeaseDuration)} must be at least three {nameof(RunsOptions.HeartbeatInterval)}s ({options.HeartbeatInterval * 3}) and at most 01:00:00 (was {options.LeaseDuration}), so one late heartbeat does not hand a live run to another process.");
        }

        if (options.OnlyExperiment is { } only && string.IsNullOrWhiteSpace(only))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.OnlyExperiment)} must name an experiment or be left out.");
        }

        if (!RunPackingSetting.TryParse(options.Packing, out _))
        {
            errors.Add($"{prefix}{nameof(RunsOptions.Packing)} must be auto, off or a number of runs from 1 to 64 (was '{options.Packing}').");
        }

        if (options.PackParametersUpTo is < 0 or > 10_000_000_000)
        {
            errors.Add($"{prefix}{nameof(RunsOptions.PackParametersUpTo)} must be between 0 and 10000000000 (was {options.PackParametersUpTo}).");
        }

        if (options.Cores is < 0 or > 4096)
        {
            errors.Add($"{prefix}{nameof(RunsOptions.Cores)} must be between 0 (every core) and 4096 (was {options.Cores}).");
        }

        if (options.GpuRunsPerDevice is < 1 or > 64)
        {
            errors.Add($"{prefix}{nameof(RunsOptions.GpuRunsPerDevice)} must be between 1 and 64 (was {options.GpuRunsPerDevice}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
