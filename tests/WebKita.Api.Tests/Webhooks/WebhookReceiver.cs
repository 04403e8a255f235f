using System.Collections.Concurrent;
using System.Net;
using WebKita.Testing;

namespace WebKita.Api.Tests.Webhooks;

/// <summary>A real local HTTP endpoint: answers each call with the next status of its script (the last one repeats) and records what came.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Queue<HttpStatusCode> _script;
    private readonly Task _loop;

    public WebhookReceiver(params HttpStatusCode[] script)
    {
        _script = new Queue<HttpStatusCode>(script);
        Url = new Uri($"http://127.0.0.1:{FreePort.Next()}/hooks/webkita/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public Uri Url { get; }

    public ConcurrentQueue<(IReadOnlyDictionary<string, string> Headers, byte[] Body)> Calls { get; } = new();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var body = new MemoryStream();
            await context.Request.InputStream.CopyToAsync(body);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
            Calls.Enqueue((headers, body.ToArray()));
            lock (_script)
            {
                context.Response.StatusCode = (int)(_script.Count > 1 ? _script.Dequeue() : _script.Peek());
            }

            context.Response.Close();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _listener.Close();
        _loop.Wait(TimeSpan.FromSeconds(10));
    }
}
