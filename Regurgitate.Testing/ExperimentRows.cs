using Regurgitate.Workbench.Experiments;
using Regurgitate.Workbench.Persistence;

namespace Regurgitate.Testing;

public static class ExperimentRows
{
    private static int nextId = 100;

    public static ExperimentRunRow Grid(string condition, int size, int seed, RunStatus status, double? bleu = null, int lastStep = 0, long? parameters = null) => new(
        Interlocked.Increment(ref nextId), RunRole.Grid, condition, size, seed, condition == "real" ? 1.0 : 0.0, status, lastStep, 100,
        status == RunStatus.Running ? "training" : null, bleu, bleu is null ? null : bleu + 20, bleu is null ? null : "nrefs:1|case:mixed|eff:no|tok:13a|smooth:exp|version:0.1.0", null, null, parameters);

    public static ExperimentRunRow Generator(string id, RunStatus status) => new(
        Interlocked.Increment(ref nextId), RunRole.Generator, id, 1_000, 1, 1.0, status, 50, 100, null, 12.5, 40.0, null, null, null, 6_553_600);
}
