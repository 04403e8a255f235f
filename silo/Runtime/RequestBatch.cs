namespace WebKita.Silo.Runtime;

/// <summary>Requests decided in one turn, and the callers waiting for their replies.</summary>
internal sealed class RequestBatch<TRequest, TReply>(List<(TRequest Request, TaskCompletionSource<TReply> Reply)> items)
{
    public IReadOnlyList<TRequest> Requests { get; } = [.. items.Select(i => i.Request)];

    public int Count => items.Count;

    public void Reply(IReadOnlyList<TReply> replies)
    {
        for (var i = 0; i < items.Count; i++)
        {
            items[i].Reply.TrySetResult(replies[i]);
        }
    }

    public void Fail(Exception exception)
    {
        foreach (var (_, reply) in items)
        {
            reply.TrySetException(exception);
        }
    }

    /// <summary>One batch per request, in order, answering the same callers: to find which request a failure belongs to.</summary>
    public IReadOnlyList<RequestBatch<TRequest, TReply>> Singles() => [.. items.Select(i => new RequestBatch<TRequest, TReply>([i]))];
}
