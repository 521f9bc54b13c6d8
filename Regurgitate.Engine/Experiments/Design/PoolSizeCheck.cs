namespace Regurgitate.Engine.Experiments.Design;

/// <summary>
/// Training sizes the pool cannot hold. A larger size used to be cut to the pool without a word and plotted at the
/// size asked for; it is refused instead, by its path in the spec, wherever the pool's size becomes known.
/// </summary>
public static class PoolSizeCheck
{
    /// <param name="pool">Distinct sources a training set can be drawn from.</param>
    /// <param name="what">What the pool is, completing "the pool of N sources …".</param>
    public static IReadOnlyList<RunConfigError> Errors(ExperimentSpec spec, int pool, string what)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<RunConfigError>();
        for (var i = 0; i < spec.Sizes.Count; i++)
        {
            if (spec.Sizes[i] > pool)
            {
                errors.Add(new($"sizes[{i}]", $"The pool holds {pool:N0} sources {what}; a training set of {spec.Sizes[i]:N0} pairs cannot be drawn from it. Lower the size or choose a larger corpus."));
            }
        }

        return errors;
    }

    /// <exception cref="ExperimentSpecException">Some size exceeds the pool (every such size listed).</exception>
    public static void ThrowIfTooLarge(ExperimentSpec spec, int pool, string what)
    {
        var errors = Errors(spec, pool, what);
        if (errors.Count > 0)
        {
            throw new ExperimentSpecException(errors, spec.Name);
        }
    }
}
