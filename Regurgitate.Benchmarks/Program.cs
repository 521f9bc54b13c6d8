using Regurgitate.Benchmarks;

return args.FirstOrDefault() switch
{
    "training-speed" => await TrainingSpeedBenchmark.RunAsync(args[1..]),
    "default-run" => await DefaultRunBenchmark.RunAsync(args[1..]),
    "metrics" => await MetricsBenchmark.RunAsync(args[1..]),
    "decode-speed" => await DecodeSpeedBenchmark.RunAsync(args[1..]),
    "analysis" => await AnalysisBenchmark.RunAsync(args[1..]),
    "compare-ui" => await ComparisonUiBenchmark.RunAsync(args[1..]),
    "heavy-load" => await HeavyLoadBenchmark.RunAsync(args[1..]),
    "archive-import" => await ArchiveImportBenchmark.RunAsync(args[1..]),
    "thread-probe" => await ThreadProbeBenchmark.RunAsync(args[1..]),
    "packed-grid" => await PackedGridBenchmark.RunAsync(args[1..]),
    "dispatch" => await DispatchBenchmark.RunAsync(args[1..]),
    "dispatch-worker" => await DispatchWorker.RunAsync(args[1..]),
    "scalar-stress" => await ScalarStressBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project Regurgitate.Benchmarks -- <benchmark> [options]
          training-speed [--data DIR] [--steps 20] [--warmup 3] [--threads 2] [--reference PATH]
              Target tokens/s of the project's trainer on real multi30k batches (d 256, 4 heads, 3+3 layers,
              ffn 1024, vocab 8000, 2,048 target tokens per batch), next to shared/bench/pytorch_reference.py
              run with the same settings (--norm-first) when Debian's python3-torch is installed.
          default-run [--data DIR]
              The dashboard's default experiment end to end: wall time per phase and the final BLEU.
          metrics [--set DIR]
              Corpus BLEU + chrF on shared/bench/make_metric_bench.py's 100,000 segments (built into a temporary folder),
              peak memory, and a paired bootstrap (1,000 resamples) of two systems.
          decode-speed [--run RUN_DIR] [--threads 2] [--skip-uncached] [--beam-batches 64,16] [--sentences 1000]
              Sentences/s on the run's 1,000-sentence multi30k test set for the old uncached greedy decoder, cached
              greedy and beam 5, with BLEU. Without --run (or with an empty RUN_DIR) it first trains the default
              experiment (300 steps; printing how long its beam-5 test evaluation took); a given RUN_DIR is kept.
          analysis [--data DIR] [--pairs 100000]
              The full error/diversity report (Regurgitate.Engine/Analysis) for 100,000 real pairs (multi30k train +
              newstest 2008-2018, repeated) against a seeded perturbation of their references; target < 60 s.
          analysis --table [--data DIR] [--systems GPT-4,text-davinci-002.zeroshot,LT22,Online-W] [--seed 12345]
              The README's "why synthetic data hurts" table: WMT22 reference A vs reference B and system outputs on
              the same 1,984 sources, as Markdown.
          compare-ui [--runs 200] [--points 5000] [--compare 20] [--repeats 3] [--trace DIR]
              Seeds a fresh database, starts the Release web app (build it first) and times in Chromium the comparison
              page's runs table and a chart of 20 runs (all lines drawn); target < 1 s each. --trace writes a
              Chromium performance trace of each chart visit into DIR (open it in Perfetto).
          heavy-load [--data DIR] [--steps 15] [--threads 2] [--analysis-pairs 4000] [--heavy-threads CORES]
              A training run's steps/s idle, then while 5 users keep starting dataset analyses through the
              HeavyWorkScheduler and, for comparison, straight on the thread pool; and the slowest small request on the
              thread pool meanwhile. Targets: >= 70 % of the idle rate, requests < 1 s.
          archive-import [--points 5000000] [--runs 10] [--batch-rows 50000] [--max-hold-ms 500]
              Imports a synthetic archive of that many metric points while a live run saves points every 100 ms:
              wall time, peak RSS and allocations of the import, its longest write-lock hold, the live run's slowest save.
          thread-probe
              What libtorch's set_num_threads does when several threads of this process call it (per-thread or not).
          packed-grid [--spec specs/real-vs-low-generator.json] [--packing auto] [--sizes 100,200] [--seeds 1]
                      [--test-size 50] [--dev-size 20] [--epochs 1] [--generator-size 200] [--warmup 1] [--packed-first]
              The spec's whole grid with today's placement (one run at a time) and packed, in this process: wall times,
              their ratio (goal <= 0.7) and whether every run's test BLEU and training-loss curve is identical. The
              options shrink the grid; --packed-first runs the packed grid first (the first pays for the JIT).
          dispatch [--runs 10] [--steps 300] [--compare-flush 00:00:02] [--grid 24] [--sleep-ms 2000] [--workers 1,2,4]
                   [--skip-latency] [--skip-throughput]
              Workers mode on a throwaway PostgreSQL cluster with the dashboard's services in this process: dispatch
              overhead per run (queued row -> Hangfire job -> fetched -> Running -> first step) with two `regurgitate
              worker` processes, metric latency (step on a worker -> point at a subscriber of the dashboard's run
              monitor; target < 1 s) with the workers' default and another metric flush interval, and runs/hour of a grid of
              sleeping runs with 1, 2, 4 `dispatch-worker` processes. Build Release first (it starts the CLI's build).
          dispatch-worker --sleep-ms 2000 [regurgitate worker's options]
              `regurgitate worker` whose runs sleep instead of training (started by `dispatch`).
          scalar-stress [--seconds 120]
              Training steps of a tiny model while another thread forces collections and finalizers: counts the steps
              that failed because a scalar handed to libtorch was freed during the call (should be 0).
        """);
    return 2;
}
