using System.Runtime.InteropServices;

namespace WebKita.Testing;

/// <summary>Linux signals sent with kill(2).</summary>
internal static partial class Signals
{
    public const int Kill = 9;
    public const int Continue = 18;
    public const int Stop = 19;
    private const int NoSuchProcess = 3;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when the process does not exist.</summary>
    public static bool TrySend(int pid, int signal)
    {
        if (SendSignal(pid, signal) == 0)
        {
            return true;
        }
        var errno = Marshal.GetLastPInvokeError();
        return errno == NoSuchProcess
            ? false
            : throw new InvalidOperationException($"kill({pid}, {signal}) failed with errno {errno}.");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int signal);
}
