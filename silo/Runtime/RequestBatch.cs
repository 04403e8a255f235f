namespace WebKita.Silo.Runtime;

/// <summary>Requests decided in one turn, and the callers waiting for their replies.</summary>
internal sealed class RequestBatch<TRequest, TReply>(List<(TRequest Request, TaskCompletionSource<TReply> Reply)> items)
{
    public IReadOnlyList<TRequest> Requests { get; } = [.. items.Select(i => i.Request)];

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
}
