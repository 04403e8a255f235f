using System.Diagnostics;

namespace WebKita.Grains.Tests.Cluster;

/// <summary>Waits for a state the test caused, without guessing a duration; the bound only stops a hung test.</summary>
public static class Eventually
{
    public static async Task UntilAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException("The condition did not hold within 60 s.");
            }

            await Task.Yield();
        }
    }
}
