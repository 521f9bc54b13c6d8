using System.Globalization;
using Regurgitate.Engine.Evaluation.Significance;

namespace Regurgitate.Engine.Tests.Evaluation.Significance;

/// <summary>
/// <see cref="NumpyRandom"/> against draws printed by NumPy 1.24 (<c>make_numpy_draws.py</c> beside this file
/// generated <c>numpy_draws.txt</c>): seed sequence, PCG64 state, raw 64-bit outputs, <c>choice</c> and boolean
/// <c>integers</c> as sacreBLEU calls them.
/// </summary>
public sealed class NumpyRandomTests
{
    private static readonly Lazy<List<(string Kind, ulong Seed, string Args, string[] Values)>> Lines = new(Load);

    public static IEnumerable<object[]> Kinds => new[] { "seedseq", "state", "uint64", "choice", "bool" }.Select(k => new object[] { k });

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Draws_equal_numpy(string kind)
    {
        var cases = Lines.Value.Where(l => l.Kind == kind).ToList();
        Assert.NotEmpty(cases);
        foreach (var (_, seed, args, values) in cases)
        {
            var actual = Draw(kind, seed, args, values.Length);
            Assert.True(values.SequenceEqual(actual), $"{kind} seed {seed} {args}: expected {string.Join(' ', values.Take(12))}…, got {string.Join(' ', actual.Take(12))}…");
        }
    }

    [Fact]
    public void Bounded_draws_stay_in_range_and_cover_it()
    {
        var rng = new NumpyRandom(7);
        var seen = new bool[5];
        for (var i = 0; i < 1000; i++)
        {
            var v = rng.NextBounded(5);
            Assert.InRange(v, 0, 4);
            seen[v] = true;
        }

        Assert.All(seen, Assert.True);
        Assert.Equal(0, rng.NextBounded(1));
    }

    private static string[] Draw(string kind, ulong seed, string args, int count)
    {
        var rng = new NumpyRandom(seed);
        switch (kind)
        {
            case "seedseq":
                return NumpyRandom.SeedSequenceState(seed, int.Parse(args, CultureInfo.InvariantCulture)).Select(Str).ToArray();
            case "state":
                return [rng.State.ToString(CultureInfo.InvariantCulture), rng.Increment.ToString(CultureInfo.InvariantCulture)];
            case "uint64":
                return Enumerable.Range(0, count).Select(_ => Str(rng.NextUInt64())).ToArray();
            case "choice":
            {
                var n = int.Parse(args.Split('x')[0], CultureInfo.InvariantCulture);
                var draws = new int[count];
                rng.FillBounded(draws, n);
                return draws.Select(d => Str(d)).ToArray();
            }

            case "bool":
                rng.BeginBooleanFill();
                return Enumerable.Range(0, count).Select(_ => rng.NextBooleanOfFill() ? "1" : "0").ToArray();
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    private static string Str<T>(T value) where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture);

    private static List<(string, ulong, string, string[])> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Evaluation", "Significance", "numpy_draws.txt");
        var result = new List<(string, ulong, string, string[])>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(" : ", StringComparison.Ordinal);
            var head = line[..colon].Split(' ');
            result.Add((head[0], ulong.Parse(head[1], CultureInfo.InvariantCulture), head[2], line[(colon + 3)..].Split(' ')));
        }

        return result;
    }
}
