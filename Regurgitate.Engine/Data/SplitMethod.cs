namespace Regurgitate.Engine.Data;

/// <summary>How a corpus was cut into train, dev and test, which decides what the test set can share with training.</summary>
public enum SplitMethod
{
    /// <summary>The corpus's own train/dev/test files (multi30k, the newstest years): no document crosses them by construction.</summary>
    OfficialFiles,

    /// <summary>A pool with document ids cut by whole documents: no test segment shares a document with training.</summary>
    Documents,

    /// <summary>A pool without document ids cut by segment: neighbouring segments of one document may fall on both sides.</summary>
    Segments,
}
