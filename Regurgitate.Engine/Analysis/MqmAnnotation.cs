namespace Regurgitate.Engine.Analysis;

/// <summary>Severity of one MQM annotation, as written in the WMT/Google MQM TSV files.</summary>
public enum MqmSeverity
{
    /// <summary>"No-error": the rater saw the segment and marked nothing (the row still counts the rater).</summary>
    NoError,

    /// <summary>"Neutral": noted but not penalised.</summary>
    Neutral,

    Minor,
    Major,

    /// <summary>"Critical": used by some later campaigns; the 2021 scheme has no such level (see <see cref="MqmWeights"/>).</summary>
    Critical,
}

/// <summary>
/// One row of a WMT/Google MQM annotation file (Freitag et al. 2021): one error (or a "no error" mark) that one rater
/// found in one system's translation of one segment. <see cref="LineNumber"/> is the 1-based line in the file.
/// </summary>
public sealed record MqmAnnotation(
    string System,
    string Doc,
    string DocId,
    int SegmentId,
    string Rater,
    string Source,
    string Target,
    string Category,
    MqmSeverity Severity,
    long LineNumber);
