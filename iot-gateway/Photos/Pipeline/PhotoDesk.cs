using System.Threading.Channels;

namespace WebKita.Photos.Pipeline;

/// <summary>
/// Runs the <see cref="PhotoPipeline"/> off the request path: uploads queue here and a fixed
/// number of dedicated threads (<see cref="PhotoLimits.Workers"/>) decode them, so a burst of
/// photos never occupies the thread pool that answers requests, and at most that many decodes
/// hold memory at once. Each photo gets <see cref="PhotoLimits.TimeLimit"/> from when a worker
/// takes it, measured on the injected <see cref="TimeProvider"/>. Thread-safe.
/// </summary>
public sealed class PhotoDesk : IDisposable
{
    private readonly PhotoPipeline _pipeline;
    private readonly PhotoLimits _limits;
    private readonly TimeProvider _time;
    private readonly Channel<Job> _queue;
    private readonly Thread[] _workers;

    public PhotoDesk(PhotoPipeline pipeline, PhotoLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentOutOfRangeException.ThrowIfLessThan(limits.Workers, 1);
        _pipeline = pipeline;
        _limits = limits;
        _time = time;
        _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(limits.Workers * 16) { FullMode = BoundedChannelFullMode.Wait });
        _workers = [.. Enumerable.Range(0, limits.Workers).Select(i => new Thread(Work) { IsBackground = true, Name = $"photo-desk-{i}" })];
        foreach (var worker in _workers)
        {
            worker.Start();
        }
    }

    /// <summary>
    /// Queues <paramref name="upload"/> and completes with its outcome. Cancelling
    /// <paramref name="cancellationToken"/> (the caller left) also stops its decode.
    /// </summary>
    public async Task<PhotoOutcome> ProcessAsync(byte[] upload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var job = new Job(upload, cancellationToken);
        await _queue.Writer.WriteAsync(job, cancellationToken).ConfigureAwait(false);
        return await job.Outcome.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    public void Dispose()
    {
        _queue.Writer.TryComplete();
        foreach (var worker in _workers)
        {
            worker.Join();
        }
    }

    private void Work()
    {
        while (_queue.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (_queue.Reader.TryRead(out var job))
            {
                using var limit = new CancellationTokenSource(_limits.TimeLimit, _time);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, job.CallerLeft);
                try
                {
                    job.Outcome.TrySetResult(_pipeline.Process(job.Upload, either.Token));
                }
                catch (Exception exception)
                {
                    // A bug in the pipeline fails this photo, not the worker that serves the others.
                    job.Outcome.TrySetException(exception);
                }
            }
        }
    }

    private sealed record Job(byte[] Upload, CancellationToken CallerLeft)
    {
        public TaskCompletionSource<PhotoOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
