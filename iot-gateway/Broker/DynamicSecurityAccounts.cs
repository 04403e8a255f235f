using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using WebKita.Mqtt;
using WebKita.Mqtt.Connecting;
using WebKita.Silo.Devices;

namespace WebKita.Broker;

/// <summary>
/// <see cref="IBrokerAccounts"/> for mosquitto's dynamic security plugin: commands are published
/// as the admin on <c>$CONTROL/dynamic-security/v1</c> and the broker answers on
/// <c>.../response</c>; changes take effect at once, without a restart. Connects on first use and
/// stays connected. Thread-safe.
/// </summary>
public sealed class DynamicSecurityAccounts(BrokerOptions options, ILogger<DynamicSecurityAccounts> logger) : IBrokerAccounts, IAsyncDisposable
{
    private const string CommandTopic = "$CONTROL/dynamic-security/v1";
    private const string ResponseTopic = "$CONTROL/dynamic-security/v1/response";
    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<IReadOnlyList<CommandResponse>>> _pending = new();
    private MqttSessionClient? _client;
    private Task _reader = Task.CompletedTask;

    public bool IsConfigured => true;

    public async Task CreateDeviceAsync(string deviceId, string password, CancellationToken cancellationToken)
    {
        RequireDeviceId(deviceId);
        ArgumentException.ThrowIfNullOrEmpty(password);
        var created = await SendAsync([DynamicSecurityCommands.CreateRole(deviceId), DynamicSecurityCommands.CreateClient(deviceId, password)], cancellationToken);
        Require(created[0], "createRole", allowed: "already exists");
        if (created[0].Error is not null)
        {
            // A role from before the grants were exact: adding what exists and removing what is gone are both fine.
            var update = DynamicSecurityCommands.UpdateRole(deviceId).ToArray();
            foreach (var response in await SendAsync(update, cancellationToken))
            {
                if (response.Error is { } error && !error.Contains("already exists", StringComparison.OrdinalIgnoreCase) && !error.Contains("not found", StringComparison.OrdinalIgnoreCase))
                {
                    throw new DynamicSecurityException($"dynamic-security {response.Command} for the role of {deviceId} failed: {error}");
                }
            }
        }
        if (created[1].Error is null)
        {
            logger.LogInformation("broker account created for device {DeviceId}", deviceId);
            return;
        }

        Require(created[1], "createClient", allowed: "already exists");
        // Registering again: the device keeps its account (and the role it was created with) with the new password, enabled.
        var updated = await SendAsync([DynamicSecurityCommands.SetClientPassword(deviceId, password), DynamicSecurityCommands.EnableClient(deviceId)], cancellationToken);
        Require(updated[0], "setClientPassword");
        Require(updated[1], "enableClient");
        logger.LogInformation("broker account renewed for device {DeviceId}", deviceId);
    }

    public async Task DisableDeviceAsync(string deviceId, CancellationToken cancellationToken)
    {
        RequireDeviceId(deviceId);
        var responses = await SendAsync([DynamicSecurityCommands.DisableClient(deviceId)], cancellationToken);
        // A device that never had an account is as disabled as it gets.
        Require(responses[0], "disableClient", allowed: "not found");
        logger.LogInformation("broker account disabled for device {DeviceId}", deviceId);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { } client)
        {
            await client.DisposeAsync();
            await _reader;
        }

        _connectLock.Dispose();
    }

    private async Task<IReadOnlyList<CommandResponse>> SendAsync(object[] commands, CancellationToken cancellationToken)
    {
        MqttSessionClient client;
        try
        {
            client = await ConnectedClientAsync(cancellationToken);
        }
        catch (Exception e) when (e is MqttCommunicationException or System.Net.Sockets.SocketException or IOException)
        {
            throw new BrokerUnavailableException($"the broker at {options.Host}:{options.Port} cannot be reached: {e.Message}", e);
        }

        var correlation = Guid.NewGuid().ToString("N");
        var batch = commands.Select((command, i) => WithCorrelation(command, $"{correlation}.{i}")).ToArray();
        var reply = new TaskCompletionSource<IReadOnlyList<CommandResponse>>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[correlation] = reply;
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(new { commands = batch });
            var published = await client.PublishAsync(
                new MqttApplicationMessageBuilder()
                    .WithTopic(CommandTopic)
                    .WithPayload(payload)
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData)
                    .Build(),
                cancellationToken);
            if (!published.IsSuccess)
            {
                throw new DynamicSecurityException($"the broker refused the dynamic-security command: {published.ReasonCode}");
            }

            var responses = await reply.Task.WaitAsync(options.CommandTimeout, cancellationToken);
            return responses.Count == commands.Length
                ? responses
                : throw new DynamicSecurityException($"the broker answered {responses.Count} of {commands.Length} dynamic-security commands");
        }
        catch (TimeoutException e)
        {
            throw new BrokerUnavailableException($"the broker did not answer a dynamic-security command within {options.CommandTimeout}", e);
        }
        finally
        {
            _pending.TryRemove(correlation, out _);
        }
    }

    private async Task<MqttSessionClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        if (_client is { } existing)
        {
            return existing;
        }

        await _connectLock.WaitAsync(cancellationToken);
        try
        {
            if (_client is { } raced)
            {
                return raced;
            }

            var client = new MqttSessionClient(new MqttConnectionOptions
            {
                Host = options.Host,
                Port = options.Port,
                ClientId = $"webkita-admin-{Guid.NewGuid():N}",
                Username = options.AdminUser,
                Password = options.AdminPassword,
                KeepAlive = TimeSpan.FromSeconds(30),
            });
            MqttClientConnectResult connected;
            try
            {
                connected = await client.ConnectAsync(cancellationToken);
            }
            catch
            {
                await client.DisposeAsync();
                throw;
            }

            if (!connected.IsSuccess())
            {
                await client.DisposeAsync();
                throw new DynamicSecurityException($"the broker refused the admin connection: {connected.ResultCode}");
            }

            var subscribed = await client.SubscribeAsync(ResponseTopic, MqttQualityOfServiceLevel.AtLeastOnce, cancellationToken);
            if (!subscribed.IsGranted())
            {
                await client.DisposeAsync();
                throw new DynamicSecurityException($"the broker refused the admin's subscription to {ResponseTopic}");
            }

            _reader = Task.Run(() => ReadResponsesAsync(client), CancellationToken.None);
            _client = client;
            return client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task ReadResponsesAsync(MqttSessionClient client)
    {
        await foreach (var received in client.Messages.ReadAllAsync())
        {
            try
            {
                var responses = CommandResponse.Parse(received.Payload);
                var correlation = responses.Select(r => r.Correlation?.Split('.')[0]).FirstOrDefault(c => c is not null);
                if (correlation is not null && _pending.TryGetValue(correlation, out var reply))
                {
                    reply.TrySetResult(responses);
                }
            }
            catch (JsonException e)
            {
                logger.LogWarning(e, "unreadable dynamic-security response ignored");
            }
            finally
            {
                received.Acknowledge();
            }
        }
    }

    private static Dictionary<string, object?> WithCorrelation(object command, string correlation)
    {
        var fields = JsonSerializer.SerializeToElement(command).EnumerateObject().ToDictionary(p => p.Name, p => (object?)p.Value);
        fields["correlationData"] = correlation;
        return fields;
    }

    private static void Require(CommandResponse response, string command, string? allowed = null)
    {
        if (response.Error is { } error && (allowed is null || !error.Contains(allowed, StringComparison.OrdinalIgnoreCase)))
        {
            throw new DynamicSecurityException($"dynamic-security {command} failed: {error}");
        }
    }

    private static void RequireDeviceId(string deviceId)
    {
        if (!DeviceTopics.IsValidDeviceId(deviceId))
        {
            throw new ArgumentException("a device id is 3 to 64 characters of A-Z, a-z, 0-9, '-', '_'", nameof(deviceId));
        }
    }
}
