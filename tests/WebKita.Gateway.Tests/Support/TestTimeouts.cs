namespace WebKita.Gateway.Tests.Support;

/// <summary>Generous upper bounds for waiting on events; tests wait for things to happen, never for time to pass.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(20);

    /// <summary>For a gateway process to receive: its Orleans silo first joins the test's cluster (slow on a loaded machine).</summary>
    public static readonly TimeSpan Start = TimeSpan.FromSeconds(60);

    /// <summary>For a whole burst to be committed (processes starting, thousands of messages).</summary>
    public static readonly TimeSpan Burst = TimeSpan.FromSeconds(90);
}
