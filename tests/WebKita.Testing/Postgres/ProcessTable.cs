namespace WebKita.Testing;

/// <summary>Reads Linux's /proc to find and kill a process with its children.</summary>
internal static class ProcessTable
{
    /// <summary>
    /// SIGSTOPs <paramref name="root"/> so it forks no more, then SIGKILLs it and its direct
    /// children. Returns the pids it signalled.
    /// </summary>
    public static IReadOnlyList<int> KillTree(int root)
    {
        Signals.TrySend(root, Signals.Stop);
        List<int> processes = [root, .. ChildrenOf(root)];
        foreach (var pid in processes)
        {
            Signals.TrySend(pid, Signals.Kill);
        }
        return processes;
    }

    /// <summary>False once the process is gone or a zombie (dead, not yet reaped).</summary>
    public static bool IsAlive(int pid)
    {
        var stat = ReadStat(pid);
        return stat is not null && stat.Value.State != 'Z';
    }

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), out var pid) && ReadStat(pid)?.Parent == parent)
            {
                yield return pid;
            }
        }
    }

    private static (char State, int Parent)? ReadStat(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (fields[0][0], int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture));
    }
}
