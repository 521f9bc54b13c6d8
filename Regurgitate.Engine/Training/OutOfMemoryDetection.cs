namespace Regurgitate.Engine.Training;

/// <summary>
/// Recognises an allocation failure however it surfaces: .NET's <see cref="OutOfMemoryException"/>, or libtorch's
/// allocator errors, which TorchSharp rethrows as <see cref="System.Runtime.InteropServices.ExternalException"/> with
/// libtorch's text ("CUDA out of memory. Tried to allocate …", "DefaultCPUAllocator: can't allocate memory: …",
/// "DefaultCPUAllocator: not enough memory: …").
/// </summary>
public static class OutOfMemoryDetection
{
    private static readonly string[] Markers = ["out of memory", "can't allocate memory", "not enough memory", "cannot allocate memory"];

    public static bool IsOutOfMemory(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is OutOfMemoryException || Markers.Any(m => current.Message.Contains(m, StringComparison.OrdinalIgnoreCase)))
            {
                return true;
            }
        }

        return false;
    }
}
