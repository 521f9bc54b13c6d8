using Microsoft.Extensions.Options;

namespace Regurgitate.Workbench.Experiments;

/// <summary>Where an experiment keeps what its runs share: the tokenizer and the ordered strategies' scores.</summary>
public sealed class ExperimentFolders(IOptions<ExperimentsOptions> options, IHostEnvironment environment)
{
    public string Of(int experimentId) =>
        Path.Combine(Path.GetFullPath(options.Value.ExperimentsDirectory, environment.ContentRootPath), experimentId.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public string TokenizerOf(int experimentId) => Path.Combine(Of(experimentId), "tokenizer");

    public string ScoresOf(int experimentId) => Path.Combine(Of(experimentId), "scores");
}
