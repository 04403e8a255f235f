using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Sockets;

namespace WebKita.Testing.ApiProcesses;

/// <summary>
/// Books through several api processes as a load balancer in front of them would: each call
/// starts at the process it is given, and a failed attempt (a dropped or refused connection, a
/// 5xx, no answer in time) is tried again with the same Idempotency-Key on the next process that
/// is not marked down, until the call's patience runs out. Every attempt is recorded, so a run can
/// say when bookings succeeded again after a process died. Thread-safe.
/// </summary>
public sealed class BalancedBooking(IReadOnlyList<HttpClient> processes, TimeSpan patience)
{
    // A short pause after a failed attempt, growing with each, so callers that all fail at once
    // while the cluster notices a dead silo do not spin; it shapes load and times nothing.
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(25);
    private static readonly TimeSpan MaxRetryPause = TimeSpan.FromMilliseconds(250);

    private readonly ConcurrentQueue<Attempt> _attempts = new();
    private readonly bool[] _down = new bool[processes.Count];

    public IReadOnlyCollection<Attempt> Attempts => _attempts;

    /// <summary>From now on no call is sent to <paramref name="process"/> (as a load balancer's health check would decide).</summary>
    public void MarkDown(int process) => Volatile.Write(ref _down[process], true);

    /// <summary>
    /// Submits child number <paramref name="child"/> with <paramref name="key"/>, first at
    /// <paramref name="startAt"/>; returns the first 2xx or 4xx answer, or the last failure when
    /// patience ran out (a 5xx, or a status of 0 for no answer at all).
    /// </summary>
    public async Task<Submission> SubmitAsync(Guid offeringId, int child, string key, int startAt, CancellationToken cancellationToken)
    {
        var giveUp = Stopwatch.GetTimestamp() + (long)(patience.TotalSeconds * Stopwatch.Frequency);
        var last = new Submission(0, null, "not sent");
        for (var attempt = 0; Stopwatch.GetTimestamp() < giveUp; attempt++)
        {
            var process = (startAt + attempt) % processes.Count;
            if (Volatile.Read(ref _down[process]))
            {
                continue;
            }

            var sent = Stopwatch.GetTimestamp();
            try
            {
                last = await Bookings.SubmitAsync(processes[process], offeringId, child, key, cancellationToken);
            }
            catch (Exception e) when (e is HttpRequestException or IOException or SocketException || e is TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                last = new Submission(0, null, $"{e.GetType().Name}: {e.Message}");
            }

            var failed = (int)last.Status is 0 or >= 500;
            _attempts.Enqueue(new Attempt(offeringId, process, sent, Stopwatch.GetTimestamp(), !failed, (int)last.Status));
            if (!failed)
            {
                return last;
            }

            var pause = RetryPause * (attempt + 1);
            await Task.Delay(pause < MaxRetryPause ? pause : MaxRetryPause, cancellationToken);
        }

        return last;
    }
}

/// <summary>
/// One HTTP attempt: which offering, which process, when it was sent and answered
/// (<see cref="Stopwatch"/> timestamps), whether it succeeded, and its HTTP status (0: no answer).
/// </summary>
public sealed record Attempt(Guid OfferingId, int Process, long Sent, long Answered, bool Succeeded, int Status);
