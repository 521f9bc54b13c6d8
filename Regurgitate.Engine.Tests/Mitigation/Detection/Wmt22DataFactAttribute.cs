
namespace Regurgitate.Engine.Tests.Mitigation.Detection;

/// <summary>A fact that is skipped, with a message saying why, when the shared WMT22 data is not beside the repository.</summary>
public sealed class Wmt22DataFactAttribute : FactAttribute
{
    public Wmt22DataFactAttribute()
    {
        if (!Wmt22Available())
        {
            Skip = "shared/data/wmt22-deen is not beside the repository (see shared/data/MANIFEST.md); the real-data detector test needs it.";
        }
    }

    private static bool Wmt22Available()
    {
        try
        {
            return Directory.Exists(Path.Combine(SharedFolders.Data, "wmt22-deen"));
        }
        catch (DirectoryNotFoundException)
        {
            return false;
        }
    }
}
