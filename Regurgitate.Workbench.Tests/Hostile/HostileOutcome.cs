namespace Regurgitate.Workbench.Tests.Hostile;

/// <summary>What a hostile case expects of the database and datasets folder afterwards.</summary>
internal enum HostileOutcome
{
    /// <summary>Refused: every table and every file under the datasets folder is unchanged.</summary>
    Unchanged,

    /// <summary>Accepted by design: one dataset is added, nothing is written outside its folder.</summary>
    OneDatasetAdded,
}
