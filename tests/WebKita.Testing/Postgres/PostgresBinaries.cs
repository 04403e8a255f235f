namespace WebKita.Testing;

/// <summary>Finds the PostgreSQL server programs (initdb, pg_ctl, pgbench).</summary>
internal static class PostgresBinaries
{
    private static readonly TimeSpan PgConfigTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The directory holding initdb and pg_ctl: <c>pg_config --bindir</c> when that points at
    /// one, else the newest <c>/usr/lib/postgresql/N/bin</c>. Debian keeps both off PATH.
    /// </summary>
    public static async Task<string> FindAsync(CancellationToken cancellationToken)
    {
        try
        {
            var result = await Command.RunAsync("pg_config", ["--bindir"], PgConfigTimeout, cancellationToken: cancellationToken)
                .ConfigureAwait(false);
            var bindir = result.Output.Trim();
            if (result.Succeeded && HasServerPrograms(bindir))
            {
                return bindir;
            }
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // pg_config is not installed; fall back to Debian's layout.
        }

        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(HasServerPrograms)
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .ToList()
            : [];
        return candidates.FirstOrDefault()
            ?? throw new InvalidOperationException(
                "No PostgreSQL server programs found (pg_config --bindir, /usr/lib/postgresql/*/bin). Run scripts/install-deps.");
    }

    private static bool HasServerPrograms(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl"));
}
