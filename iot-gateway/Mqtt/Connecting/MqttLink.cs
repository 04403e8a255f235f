using MQTTnet;
using MQTTnet.Exceptions;
using WebKita.Mqtt.Receiving;

namespace WebKita.Mqtt.Connecting;

/// <summary>
/// One network connection: its own MQTTnet client and its own acknowledgement queue. A lost
/// link is never reused; the next connection is a new link, so an acknowledgement of a message
/// of this connection can never go out on another with a restarted packet identifier.
/// </summary>
internal sealed class MqttLink
{
    private readonly TaskCompletionSource<Exception> _lost = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly SemaphoreSlim _pinging = new(1, 1);
    private long _lastHeard;

    public MqttLink(IMqttClient client, long now)
    {
        Client = client;
        _lastHeard = now;
        Acknowledgements = new AcknowledgementQueue(
            static (entry, cancellationToken) =>
            {
                var delivery = (MqttApplicationMessageReceivedEventArgs)entry.Delivery!;
                delivery.ReasonCode = entry.ReasonCode;
                return delivery.AcknowledgeAsync(cancellationToken);
            },
            failed: e => MarkLost(new MqttCommunicationException($"an acknowledgement could not be sent: {e.Message}", e)));
    }

    public IMqttClient Client { get; }

    public AcknowledgementQueue Acknowledgements { get; }

    /// <summary>Completes with the reason once the connection is lost (by MQTTnet's event or the keep-alive watchdog).</summary>
    public Task<Exception> Lost => _lost.Task;

    public bool IsLost => _lost.Task.IsCompleted || !Client.IsConnected;

    /// <summary>When the broker was last heard from (a message, an acknowledgement, a ping answer), as a <see cref="TimeProvider"/> timestamp.</summary>
    public long LastHeard => Volatile.Read(ref _lastHeard);

    public void Heard(long timestamp) => Volatile.Write(ref _lastHeard, timestamp);

    public void MarkLost(Exception reason) => _lost.TrySetResult(reason);

    /// <summary>
    /// One ping round trip. The broker answers a ping only after reading everything sent before it
    /// on this connection. MQTTnet completes every ping waiting when any answer arrives, so ours go
    /// one at a time; only its own keep-alive ping may overlap (see <see cref="ConfirmAsync"/>).
    /// </summary>
    public async Task PingAsync(CancellationToken cancellationToken)
    {
        await _pinging.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Client.PingAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _pinging.Release();
        }
    }

    /// <summary>
    /// True once the broker has read the entry's acknowledgement (so it will not deliver the message
    /// again): the acknowledgement was sent, then a ping answered. False if the connection was lost
    /// first; the broker then delivers the message again on the next one. (A lost link's client is
    /// disposed, which fails a ping still waiting.)
    /// </summary>
    public async Task<bool> ConfirmAsync(PendingAcknowledgement entry, CancellationToken cancellationToken)
    {
        if (!await Acknowledgements.SentAsync(entry).WaitAsync(cancellationToken).ConfigureAwait(false))
        {
            return false;
        }

        try
        {
            // Twice: MQTTnet pings by itself after a keep-alive of our silence, and its answer, if
            // it was under way when the acknowledgement left, would end our first ping early. The
            // second ping's answer is then at the earliest that to our first, sent after it.
            await PingAsync(cancellationToken).ConfigureAwait(false);
            await PingAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Stops acknowledging and closes the connection; waits at most <paramref name="timeout"/> for a clean goodbye.</summary>
    public async Task CloseAsync(bool clean, TimeSpan timeout)
    {
        await Acknowledgements.CloseAsync(flush: clean).ConfigureAwait(false);
        try
        {
            if (Client.IsConnected)
            {
                using var deadline = new CancellationTokenSource(timeout);
                if (clean)
                {
                    // The broker answers a ping only after reading all sent before it, the last
                    // PUBACKs among them. Without this wait a successor connecting at once under
                    // the same client id (a standby gateway) can take the session over before the
                    // broker reads them: they are dropped with the old socket and the messages come again.
                    await PingAsync(deadline.Token).ConfigureAwait(false);
                }

                await Client.DisconnectAsync(new MqttClientDisconnectOptions(), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Already gone, or the broker does not answer: disposing below closes the socket anyway.
        }
        finally
        {
            Client.Dispose();
        }
    }
}
