using WebKita.Testing;

namespace WebKita.Gateway.Tests.Support;

/// <summary>The real gateway (iot-gateway/bin/Release/net10.0/WebKita.IotGateway.dll) as a child process, configured through the environment.</summary>
public static class GatewayProcess
{
    /// <summary>
    /// Starts a gateway and returns once it receives, or, as a <paramref name="standby"/> for a
    /// session another gateway holds, once it says it stands by.
    /// </summary>
    public static async Task<ChildProcess> StartAsync(
        MosquittoBroker broker, string connectionString, string clientId, IReadOnlyDictionary<string, string?>? settings = null, bool standby = false)
    {
        var gateway = ChildProcess.Start(
            "dotnet",
            [GatewayDll()],
            new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["Silo__Store"] = "Postgres",
                ["Silo__ConnectionString"] = connectionString,
                ["Broker__Host"] = "127.0.0.1",
                ["Broker__Port"] = broker.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Broker__GatewayUser"] = broker.GatewayUser,
                ["Broker__GatewayPassword"] = broker.GatewayPassword,
                ["Broker__AdminUser"] = broker.AdminUser,
                ["Broker__AdminPassword"] = broker.AdminPassword,
                ["Ingestion__ClientId"] = clientId,
            });
        try
        {
            // Receiving: subscribed, or back in a kept session, which holds the subscription and
            // delivers its backlog before the SUBACK of the gateway's renewed subscription (slow on a loaded machine).
            await gateway.WaitForLineAsync(
                line => standby
                    ? line.Contains("standing by", StringComparison.Ordinal)
                    : line.Contains("ingestion running", StringComparison.Ordinal) || line.Contains("session resumed", StringComparison.Ordinal),
                TestTimeouts.Start);
        }
        catch
        {
            // The caller never gets it to dispose: a gateway left running would hold the session.
            await gateway.DisposeAsync();
            throw;
        }

        return gateway;
    }

    /// <summary>
    /// Settings that put a gateway's silo on <paramref name="siloPort"/>: a gateway restarted after a
    /// kill on its predecessor's port declares the dead silo dead at once, instead of waiting to
    /// join until the cluster has voted it out.
    /// </summary>
    public static Dictionary<string, string?> OnSiloPort(int siloPort, IReadOnlyDictionary<string, string?>? settings = null) =>
        new(settings ?? new Dictionary<string, string?>())
        {
            ["Silo__Cluster__SiloPort"] = siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    /// <summary>SIGTERM, then the handled count from the "ingestion stopped" line.</summary>
    public static async Task<long> StopAsync(ChildProcess gateway)
    {
        gateway.Signal(15);
        var line = await gateway.WaitForLineAsync(l => l.Contains("ingestion stopped: handled ", StringComparison.Ordinal), TestTimeouts.Default);
        await gateway.WaitForExitAsync(TestTimeouts.Default);
        var handled = line[(line.IndexOf("handled ", StringComparison.Ordinal) + "handled ".Length)..].Split(',')[0];
        return long.Parse(handled, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string GatewayDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "iot-gateway", "bin", "Release", "net10.0", "WebKita.IotGateway.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("iot-gateway/bin/Release/net10.0/WebKita.IotGateway.dll not found: dotnet build WebKita.sln -c Release");
    }
}
