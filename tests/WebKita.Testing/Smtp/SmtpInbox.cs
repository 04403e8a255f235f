using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.ComponentModel;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace WebKita.Testing.Smtp;

/// <summary>
/// A real SMTP server (the SmtpServer package) in this process on a free loopback port. It keeps
/// every message it accepted, parsed; <see cref="Refuse"/> makes it answer DATA with a given reply
/// instead, as a relay that is full (4xx) or rejects the recipient (5xx) would.
/// </summary>
public sealed class SmtpInbox : IAsyncDisposable
{
    private readonly ConcurrentQueue<MimeMessage> _messages = new();
    private readonly CancellationTokenSource _stop = new();
    private SmtpServer.SmtpServer _server = null!;
    private Task _running = Task.CompletedTask;
    private readonly SemaphoreSlim _arrived = new(0);
    private volatile SmtpResponse? _refusal;

    private SmtpInbox()
    {
    }

    public int Port { get; private set; }

    /// <summary>Messages accepted so far, in arrival order. Thread-safe snapshot.</summary>
    public IReadOnlyList<MimeMessage> Messages => [.. _messages];

    public static async Task<SmtpInbox> StartAsync()
    {
        var inbox = new SmtpInbox();
        for (var attempt = 1; ; attempt++)
        {
            inbox.Port = FreePort.Next();
            var options = new SmtpServerOptionsBuilder()
                .ServerName("inbox.test")
                .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, inbox.Port)))
                .Build();
            var services = new ServiceProvider();
            services.Add(new Store(inbox));
            inbox._server = new SmtpServer.SmtpServer(options, services);
            // The listener binds before StartAsync first awaits, so a connect right after it succeeds;
            // a port taken meanwhile faults the task at once, and we try another.
            inbox._running = inbox._server.StartAsync(inbox._stop.Token);
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, inbox.Port);
                return inbox;
            }
            catch (SocketException) when (attempt < 5)
            {
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages have arrived, for servers the test does not drive itself (an api's background sender).</summary>
    public async Task<IReadOnlyList<MimeMessage>> WaitForAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (_messages.Count < count)
        {
            try
            {
                await _arrived.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{_messages.Count} of {count} messages arrived within {timeout}.");
            }
        }

        return Messages;
    }

    /// <summary>From now on answer every message with <paramref name="reply"/>; null accepts again.</summary>
    public void Refuse(SmtpResponse? reply) => _refusal = reply;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _server.Shutdown();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
        _arrived.Dispose();
    }

    private sealed class Store(SmtpInbox inbox) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(
            ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            if (inbox._refusal is { } refusal)
            {
                return refusal;
            }

            using var stream = new MemoryStream(buffer.ToArray());
            inbox._messages.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            inbox._arrived.Release();
            return SmtpResponse.Ok;
        }
    }
}
