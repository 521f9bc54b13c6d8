namespace Regurgitate.Engine.Training;

/// <summary>libtorch could not be loaded on this machine; the message says how to diagnose it.</summary>
public sealed class TorchUnavailableException : Exception
{
    public TorchUnavailableException(string message, Exception inner) : base(message, inner)
    {
    }
}
