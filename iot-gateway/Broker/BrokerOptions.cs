namespace WebKita.Broker;

/// <summary>
/// The "Broker" configuration section: where the MQTT broker is and the accounts this process
/// uses there. Passwords come from configuration or the environment (<c>Broker__AdminPassword</c>)
/// and are never logged.
/// </summary>
public sealed class BrokerOptions
{
    public const string Section = "Broker";

    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1883;

    /// <summary>The dynamic-security admin: creates and disables device accounts.</summary>
    public string AdminUser { get; set; } = "webkita-admin";

    public string AdminPassword { get; set; } = "";

    /// <summary>The gateway's own account (shared subscription, publishes acks).</summary>
    public string GatewayUser { get; set; } = "webkita-gateway";

    public string GatewayPassword { get; set; } = "";

    /// <summary>How long a dynamic-security command may take before it counts as failed.</summary>
    public TimeSpan CommandTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Redacted, for logs.</summary>
    public override string ToString() => $"{Host}:{Port} (admin '{AdminUser}', gateway '{GatewayUser}')";
}
