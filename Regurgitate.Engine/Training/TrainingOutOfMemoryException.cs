namespace Regurgitate.Engine.Training;

/// <summary>A training step or an evaluation could not allocate memory; the run stops with advice instead of libtorch's text.</summary>
public sealed class TrainingOutOfMemoryException : Exception
{
    public TrainingOutOfMemoryException()
    {
    }

    public TrainingOutOfMemoryException(string message)
        : base(message)
    {
    }

    public TrainingOutOfMemoryException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrainingOutOfMemoryException(int step, string device, string during, Exception innerException)
        : base($"Ran out of memory at step {step} on {device} ({during}); reduce batch tokens (Training.TokensPerBatch) or model size.", innerException)
    {
        Step = step;
        Device = device;
    }

    public int Step { get; }

    public string? Device { get; }
}
