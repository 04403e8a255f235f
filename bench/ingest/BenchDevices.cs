using System.Globalization;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using WebKita.Broker;
using WebKita.Grains.Accounts;
using WebKita.Grains.Common;
using WebKita.Grains.Devices;
using MQTTnet;
using MQTTnet.Protocol;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Silo.Cluster;
using WebKita.Silo.Devices;
using WebKita.Silo.Runtime;
using WebKita.Testing;

namespace WebKita.Bench.Ingest;

/// <summary>
/// The simulated sensors: registered in the domain and at the broker, publishing their telemetry, and
/// what the store holds of it afterwards. The warm-up sensors publish the burst that the gateway
/// drains first, so the measured burst meets compiled code. This process runs a silo of its own
/// only while it registers and checks: during the drains it would take CPU from what is measured.
/// </summary>
internal sealed class BenchDevices(string connectionString, IReadOnlyList<string> ids, IReadOnlyList<string> warmUpIds, int perDevice)
{
    private static readonly TenantId Tenant = new("kreis-bench");
    private static readonly Actor Admin = new(Guid.Parse("ad000000-0000-4000-8000-0000000000e1"), Role.CountyAdmin);

    public int Total => ids.Count * perDevice;

    public int WarmUpTotal => warmUpIds.Count * perDevice;

    public static async Task<BenchDevices> RegisterAsync(string connectionString, MosquittoBroker broker, int devices, int warmUpDevices, int perDevice)
    {
        var host = await StartSiloAsync(connectionString);
        var registry = host.Services.GetRequiredService<DeviceRegistry>();
        await using var accounts = new DynamicSecurityAccounts(
            new BrokerOptions { Port = broker.Port, AdminUser = broker.AdminUser, AdminPassword = broker.AdminPassword },
            NullLogger<DynamicSecurityAccounts>.Instance);
        var ids = Enumerable.Range(0, devices).Select(i => $"bench-{i:D3}").ToList();
        var warmUpIds = Enumerable.Range(0, warmUpDevices).Select(i => $"warm-{i:D3}").ToList();
        var school = Guid.Parse("5c0a0000-0000-4000-8000-0000000000e1");
        var building = Guid.Parse("b0000000-0000-4000-8000-0000000000e1");
        foreach (var id in ids.Concat(warmUpIds))
        {
            var device = Device.Register(Tenant, id, school, building, "R1", DeviceKind.Sensor, [Measurement.Temperature, Measurement.Co2], null, DateTimeOffset.UtcNow).Value!;
            if ((await registry.RegisterAsync(device, Admin, default)).Refusal is { } refusal)
            {
                throw new InvalidOperationException($"registering {id}: {refusal.Message}");
            }

            await accounts.CreateDeviceAsync(id, Password(id), default);
        }

        await host.StopAndDisposeAsync();
        return new BenchDevices(connectionString, ids, warmUpIds, perDevice);
    }

    /// <summary>Every measured device connects with its own account and publishes all its messages at once (QoS 1); returns when the broker has acknowledged them all.</summary>
    public Task<TimeSpan> PublishAsync(MosquittoBroker broker) => PublishAsync(broker, ids);

    /// <summary>The same from the warm-up devices.</summary>
    public Task<TimeSpan> PublishWarmUpAsync(MosquittoBroker broker) => PublishAsync(broker, warmUpIds);

    private async Task<TimeSpan> PublishAsync(MosquittoBroker broker, IReadOnlyList<string> publishers)
    {
        var clients = new List<MqttSessionClient>();
        foreach (var id in publishers)
        {
            var client = new MqttSessionClient(new MqttConnectionOptions
            {
                Host = "127.0.0.1",
                Port = broker.Port,
                ClientId = id,
                Username = id,
                Password = Password(id),
            });
            var connected = await client.ConnectAsync();
            if (!connected.IsSuccess())
            {
                throw new InvalidOperationException($"{id} refused: {connected.ResultCode}");
            }

            clients.Add(client);
        }

        var at = DateTimeOffset.UtcNow;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var results = await Task.WhenAll(clients.SelectMany(client => Enumerable.Range(0, perDevice).Select(n => client.PublishAsync(new MqttApplicationMessageBuilder()
            .WithTopic($"sue/v1/{client.ClientId}/telemetry")
            .WithPayload(Payload(client.ClientId, n, at.AddMilliseconds(n)))
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build()))));
        var elapsed = clock.Elapsed;
        foreach (var client in clients)
        {
            await client.DisposeAsync();
        }

        var refused = results.Count(r => !r.IsSuccess);
        return refused == 0 ? elapsed : throw new InvalidOperationException($"the broker refused {refused} publishes");
    }

    /// <summary>Messages whose effect the store holds (each device's ring of applied ids), and how many of them are missing, over every device.</summary>
    public async Task<(int Applied, int Lost)> CheckAsync()
    {
        var host = await StartSiloAsync(connectionString);
        var registry = host.Services.GetRequiredService<DeviceRegistry>();
        var applied = 0;
        var lost = 0;
        foreach (var id in ids.Concat(warmUpIds))
        {
            var device = (await registry.FindAsync(Tenant, id, default))!;
            applied += device.Recent.Count;
            lost += Enumerable.Range(0, perDevice).Count(n => !device.Recent.Contains(MessageId(n)));
        }

        await host.StopAndDisposeAsync();
        return (applied, lost);
    }

    /// <summary>
    /// The domain's sink alone, in this process, with <paramref name="concurrency"/> callers (each
    /// device's messages in order): what the gateway's rate would be with free MQTT.
    /// </summary>
    public async Task<(double MessagesPerSecond, double CpuSeconds)> ApplyDirectlyAsync(int concurrency)
    {
        var host = await StartSiloAsync(connectionString);
        var sink = host.Services.GetRequiredService<IDeviceMessageSink>();
        var at = DateTimeOffset.UtcNow;
        var cpuBefore = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var lanes = ids.Select((id, i) => (id, i)).GroupBy(x => x.i % concurrency).Select(group => Task.Run(async () =>
        {
            foreach (var (id, _) in group)
            {
                for (var n = 0; n < perDevice; n++)
                {
                    var outcome = await sink.ApplyAsync(new DeviceMessage(id, DeviceChannel.Telemetry, Payload(id, n, at.AddMilliseconds(n)), DateTimeOffset.UtcNow), default);
                    if (outcome is not DeviceMessageOutcome.Accepted)
                    {
                        throw new InvalidOperationException($"{id}/m{n}: {outcome}");
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(lanes);
        var cpu = System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        await host.StopAndDisposeAsync();
        return (Total / clock.Elapsed.TotalSeconds, cpu.TotalSeconds);
    }

    public static string MessageId(int n) => $"m{n}";

    private static async Task<IHost> StartSiloAsync(string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Silo:Store"] = "Postgres",
            ["Silo:ConnectionString"] = connectionString,
        }).Build();
        var host = SiloHost.CreateBuilder(configuration, TimeProvider.System, runsLoops: false).Build();
        await host.StartAsync();
        return host;
    }

    private static byte[] Payload(string deviceId, int n, DateTimeOffset at) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $$$"""{"deviceId":"{{{deviceId}}}","messageId":"{{{MessageId(n)}}}","timestamp":"{{{at:O}}}","measurements":{"temperature":{{{20 + (n % 30) / 10.0}}},"co2":{{{600 + (n % 50) * 4}}}}}"""));

    private static string Password(string id) => $"pw-{id}-bench";
}
