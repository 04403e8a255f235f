namespace WebKita.Api.Tests.Support;

/// <summary>Completes once <see cref="Add"/> was called <c>target</c> times: a count to wait on instead of a time. Thread-safe.</summary>
public sealed class Milestone(int target)
{
    private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    public Task Reached => _reached.Task;

    public int Count => Volatile.Read(ref _count);

    public void Add()
    {
        if (Interlocked.Increment(ref _count) >= target)
        {
            _reached.TrySetResult();
        }
    }
}
