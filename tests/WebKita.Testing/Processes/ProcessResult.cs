namespace WebKita.Testing;

/// <summary>How a short-lived command ended and what it printed (stdout and stderr interleaved).</summary>
public sealed record ProcessResult(int ExitCode, string Output)
{
    public bool Succeeded => ExitCode == 0;
}
