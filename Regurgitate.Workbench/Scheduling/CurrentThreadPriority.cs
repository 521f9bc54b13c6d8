using System.Runtime.InteropServices;

namespace Regurgitate.Workbench.Scheduling;

/// <summary>
/// Lowers the calling thread's scheduling priority. On Linux <see cref="Thread.Priority"/> has no effect on ordinary
/// (SCHED_OTHER) threads, so the thread's own nice value is set with <c>setpriority</c>: Linux keeps one per thread.
/// Lowering needs no privilege; raising it back would, which is why only dedicated threads are lowered.
/// </summary>
internal static class CurrentThreadPriority
{
    private const int PriorityProcess = 0;
    private const int LowestNice = 19;

    /// <returns>Whether the priority was lowered.</returns>
    public static bool TryLower()
    {
        if (!OperatingSystem.IsLinux())
        {
            Thread.CurrentThread.Priority = ThreadPriority.Lowest;
            return true;
        }

        try
        {
            return SetPriority(PriorityProcess, GetThreadId(), LowestNice) == 0;
        }
        catch (EntryPointNotFoundException)
        {
            return false;
        }
        catch (DllNotFoundException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "setpriority", SetLastError = true)]
    private static extern int SetPriority(int which, int who, int priority);

    [DllImport("libc", EntryPoint = "gettid")]
    private static extern int GetThreadId();
}
