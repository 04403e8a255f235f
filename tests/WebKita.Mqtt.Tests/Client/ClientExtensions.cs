using WebKita.Mqtt.Connecting;
using WebKita.Mqtt.Receiving;

namespace WebKita.Mqtt.Tests.Client;

public static class ClientExtensions
{
    public static async Task<MqttReceivedMessage> NextMessageAsync(this MqttSessionClient client)
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Default);
        return await client.Messages.ReadAsync(timeout.Token);
    }

    public static async Task<List<MqttReceivedMessage>> NextMessagesAsync(this MqttSessionClient client, int count)
    {
        var messages = new List<MqttReceivedMessage>(count);
        for (var i = 0; i < count; i++)
        {
            messages.Add(await client.NextMessageAsync());
        }

        return messages;
    }

    /// <summary>A task that completes with the next state change matching <paramref name="predicate"/>.</summary>
    public static Task<MqttConnectionStateChangedEventArgs> WaitForStateAsync(this MqttSessionClient client, Func<MqttConnectionStateChangedEventArgs, bool> predicate)
    {
        var completion = new TaskCompletionSource<MqttConnectionStateChangedEventArgs>(TaskCreationOptions.RunContinuationsAsynchronously);
        EventHandler<MqttConnectionStateChangedEventArgs>? handler = null;
        handler = (_, change) =>
        {
            if (predicate(change) && completion.TrySetResult(change))
            {
                client.ConnectionStateChanged -= handler;
            }
        };
        client.ConnectionStateChanged += handler;
        return completion.Task.WaitAsync(TestTimeouts.Default);
    }
}
