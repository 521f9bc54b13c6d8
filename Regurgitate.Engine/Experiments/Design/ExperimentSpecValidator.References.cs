namespace Regurgitate.Engine.Experiments.Design;

public static partial class ExperimentSpecValidator
{
    /// <summary>"all" needs a test set with a second human reference; saying so here keeps such a spec from being stored.</summary>
    private static void ValidateReferences(ExperimentSpec spec, List<RunConfigError> errors)
    {
        if (!Enum.IsDefined(spec.References))
        {
            errors.Add(new("references", $"Unknown reference choice ({(int)spec.References}); use one or all."));
        }
        else if (spec.References == TestReferences.All && TestReferenceCheck.Problem(spec.CorpusId) is { } problem)
        {
            errors.Add(new("references", problem));
        }
    }
}
