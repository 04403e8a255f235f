using System.Diagnostics;

namespace WebKita.Testing;

/// <summary>
/// A shell that outlives the test process to stop and delete a cluster the tests could not:
/// when the test process dies without running its exit handlers (killed, crashed), the pipe
/// to the shell closes and it runs <c>pg_ctl stop -m immediate</c> and removes the directory,
/// so no server outlives the tests. A clean dispose writes "done" first and the shell exits.
/// </summary>
internal sealed class PostgresWatchdog
{
    private const string Script =
        """read -r line; [ "$line" = done ] && exit 0; data=$1; root=$2; shift 2; "$@" stop -D "$data" -m immediate -w -t 30 >/dev/null 2>&1; rm -rf "$root" """;

    private readonly Process _shell;

    private PostgresWatchdog(Process shell)
    {
        _shell = shell;
    }

    public static PostgresWatchdog Start(string dataDirectory, string rootDirectory, IReadOnlyList<string> pgCtlCommand)
    {
        // All three streams redirected: the shell must hold none of the test host's pipes,
        // or the test runner would wait for it.
        var startInfo = new ProcessStartInfo("/bin/sh")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in (string[])["-c", Script, "webkita-pg-watchdog", dataDirectory, rootDirectory, .. pgCtlCommand])
        {
            startInfo.ArgumentList.Add(argument);
        }
        return new PostgresWatchdog(Process.Start(startInfo)!);
    }

    /// <summary>The cluster was cleaned up by its owner: the shell exits without acting. Idempotent.</summary>
    public void Dismiss()
    {
        try
        {
            _shell.StandardInput.WriteLine("done");
            _shell.StandardInput.Close();
        }
        catch (Exception exception) when (exception is IOException or ObjectDisposedException)
        {
            // Already dismissed, or the shell is gone.
        }
        _shell.Dispose();
    }
}
