using Regurgitate.Engine.Experiments;

namespace Regurgitate.Workbench.Experiments;

/// <summary>How an experiment page or the command line names the human references a spec's test scores use.</summary>
public static class TestReferenceText
{
    public static string Describe(TestReferences references) => references switch
    {
        TestReferences.All => "test references: all (A and B; scores show nrefs:2)",
        _ => "test references: one (reference A; scores show nrefs:1)",
    };
}
