using System.Collections.Concurrent;
using WebKita.Gateway.Tests.Support;
using WebKita.IotGateway.Ingestion;

namespace WebKita.Gateway.Tests.Ingestion;

public sealed class DeviceLanesTests
{
    [Fact]
    public async Task EnqueueAsync_OneDevice_HandledInArrivalOrderOneAtATime()
    {
        var handled = new ConcurrentQueue<int>();
        var running = 0;
        var overlapped = false;
        var lanes = new DeviceLanes<int>(100, async run =>
        {
            overlapped |= Interlocked.Increment(ref running) > 1;
            await Task.Yield();
            foreach (var n in run)
            {
                handled.Enqueue(n);
            }

            Interlocked.Decrement(ref running);
        });

        for (var n = 0; n < 50; n++)
        {
            await lanes.EnqueueAsync("dev-a", n, default);
        }

        await lanes.DrainedAsync().WaitAsync(TestTimeouts.Default);
        handled.Should().Equal(Enumerable.Range(0, 50));
        overlapped.Should().BeFalse();
    }

    [Fact]
    public async Task EnqueueAsync_WhileTheDevicesRunIsInHand_QueuedMessagesComeAsTheNextRun()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var runs = new ConcurrentQueue<IReadOnlyList<int>>();
        var lanes = new DeviceLanes<int>(10, async run =>
        {
            runs.Enqueue([.. run]);
            await release.Task;
        });
        await lanes.EnqueueAsync("dev-a", 1, default);

        await lanes.EnqueueAsync("dev-a", 2, default);
        await lanes.EnqueueAsync("dev-b", 9, default);
        await lanes.EnqueueAsync("dev-a", 3, default);
        release.SetResult();

        await lanes.DrainedAsync().WaitAsync(TestTimeouts.Default);
        runs.Where(r => r[0] != 9).Should().BeEquivalentTo(new[] { new[] { 1 }, new[] { 2, 3 } }, o => o.WithStrictOrdering());
    }

    [Fact]
    public async Task EnqueueAsync_SlowDevice_OtherDevicesAreHandledMeanwhile()
    {
        var releaseSlow = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var fastHandled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lanes = new DeviceLanes<string>(10, async run =>
        {
            if (run[0] == "slow")
            {
                await releaseSlow.Task;
            }
            else
            {
                fastHandled.TrySetResult();
            }
        });

        await lanes.EnqueueAsync("dev-slow", "slow", default);
        await lanes.EnqueueAsync("dev-fast", "fast", default);

        await fastHandled.Task.WaitAsync(TestTimeouts.Default);
        lanes.DrainedAsync().IsCompleted.Should().BeFalse();
        releaseSlow.SetResult();
        await lanes.DrainedAsync().WaitAsync(TestTimeouts.Default);
    }

    [Fact]
    public async Task EnqueueAsync_CapacityInHand_WaitsUntilOneIsHandled()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lanes = new DeviceLanes<int>(2, _ => release.Task);
        await lanes.EnqueueAsync("dev-a", 1, default);
        await lanes.EnqueueAsync("dev-b", 2, default);

        var third = lanes.EnqueueAsync("dev-c", 3, default);

        third.IsCompleted.Should().BeFalse("two messages are in hand already");
        release.SetResult();
        await third.WaitAsync(TestTimeouts.Default);
        await lanes.DrainedAsync().WaitAsync(TestTimeouts.Default);
    }
}
