namespace WebKita.Mqtt.Tests;

/// <summary>Generous upper bounds for waiting on events; tests wait for things to happen, never for time to pass.</summary>
public static class TestTimeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(15);
}
