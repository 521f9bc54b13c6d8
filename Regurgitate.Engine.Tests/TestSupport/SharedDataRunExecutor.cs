using Microsoft.Extensions.Logging.Abstractions;
using Regurgitate.Engine.Data;
using Regurgitate.Engine.Experiments;
using Regurgitate.Engine.Generation;
using Regurgitate.Engine.Training;
using Regurgitate.Testing;

namespace Regurgitate.Engine.Tests.TestSupport;

/// <summary>The run executor the engine's run tests train with: the shared corpora (<see cref="SharedFolders.Data"/>), no stored datasets.</summary>
internal static class SharedDataRunExecutor
{
    public static RunExecutor Create(ITrainingFaultInjector? faults = null, TimeProvider? time = null)
    {
        var catalog = new CorpusCatalog(new DataOptions { DataDirectory = SharedFolders.Data }, Directory.GetCurrentDirectory());
        return new RunExecutor(new CorpusLoader(catalog), new SyntheticDatasetRepository(catalog), NullLogger<RunExecutor>.Instance, faults ?? new NoTrainingFaults(), time);
    }
}
