using Microsoft.Extensions.Options;
using Regurgitate.Engine.Data;
using Regurgitate.Workbench.Execution;
using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Workbench.Dispatch;

/// <summary>
/// Workers mode needs a database every host reaches (PostgreSQL) and artefact folders every host sees at the same
/// path: a relative folder would resolve against each host's own content root, so runs would resume from nothing.
/// </summary>
public sealed class DispatchOptionsValidator(
    IOptions<DatabaseOptions> database,
    IOptions<RunsOptions> runs,
    IOptions<ExperimentsOptions> experiments,
    IOptions<DataOptions> data) : IValidateOptions<DispatchOptions>
{
    public ValidateOptionsResult Validate(string? name, DispatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var prefix = DispatchOptions.SectionName + ":";
        var errors = new List<string>();
        if (!Enum.IsDefined(options.Mode))
        {
            errors.Add($"{prefix}{nameof(DispatchOptions.Mode)} must be {DispatchMode.InProcess} or {DispatchMode.Workers} (was {options.Mode}).");
            return ValidateOptionsResult.Fail(errors);
        }

        if (options.Mode == DispatchMode.InProcess)
        {
            return ValidateOptionsResult.Success;
        }

        if (database.Value.Provider != DatabaseProvider.PostgreSql)
        {
            errors.Add($"{prefix}{nameof(DispatchOptions.Mode)} is {DispatchMode.Workers}, which needs a database every host reaches: set {DatabaseOptions.SectionName}:{nameof(DatabaseOptions.Provider)} to {DatabaseProvider.PostgreSql} (was {database.Value.Provider}).");
        }

        RequireShared(errors, RunsOptions.SectionName + ":" + nameof(RunsOptions.RunsDirectory), runs.Value.RunsDirectory);
        RequireShared(errors, ExperimentsOptions.SectionName + ":" + nameof(ExperimentsOptions.ExperimentsDirectory), experiments.Value.ExperimentsDirectory);
        RequireShared(errors, DataOptions.SectionName + ":" + nameof(DataOptions.DatasetsDirectory), data.Value.DatasetsDirectory);

        var slots = options.DeviceSlots();
        if (slots.Count is < 1 or > 64 || slots.Any(d => !IsDevice(d)))
        {
            errors.Add($"{prefix}{nameof(DispatchOptions.Devices)} must list 1 to 64 device slots such as 'cpu' or 'cuda:0,cuda:1' (was '{options.Devices}').");
        }

        if (string.IsNullOrWhiteSpace(options.HangfireSchema) || !options.HangfireSchema.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_'))
        {
            errors.Add($"{prefix}{nameof(DispatchOptions.HangfireSchema)} must be a lower-case PostgreSQL schema name (letters, digits, '_'; was '{options.HangfireSchema}').");
        }

        if (options.JobInvisibilityTimeout < TimeSpan.FromSeconds(10) || options.JobInvisibilityTimeout > TimeSpan.FromHours(24))
        {
            errors.Add($"{prefix}{nameof(DispatchOptions.JobInvisibilityTimeout)} must be between 00:00:10 and 1.00:00:00 (was {options.JobInvisibilityTimeout}).");
        }

        if (options.WorkerHeartbeatInterval < TimeSpan.FromMilliseconds(100) || options.WorkerHeartbeatInterval > TimeSpan.FromMinutes(5))
        {
            errors.Add($"{prefix}{nameof(DispatchOptions.WorkerHeartbeatInterval)} must be between 00:00:00.1 and 00:05:00 (was {options.WorkerHeartbeatInterval}).");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void RequireShared(List<string> errors, string key, string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder) || !Path.IsPathFullyQualified(folder))
        {
            errors.Add($"{key} must be an absolute path on the artifact root every host shares when {DispatchOptions.SectionName}:{nameof(DispatchOptions.Mode)} is {DispatchMode.Workers} (was '{folder}'; `regurgitate worker --artifact-root` sets it).");
        }
    }

    private static bool IsDevice(string device) =>
        device == "cpu" || (device.StartsWith("cuda:", StringComparison.Ordinal) && int.TryParse(device.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < 1024);
}
