using WebKita.Mqtt.Connecting;

namespace WebKita.Mqtt.Tests.Client;

public sealed class ReconnectBackoffTests
{
    private static readonly MqttReconnectOptions Options = new() { InitialDelay = TimeSpan.FromMilliseconds(100), MaximumDelay = TimeSpan.FromSeconds(5), JitterSeed = 1234 };

    [Fact]
    public void DelayFor_SameSeed_SameSequence()
    {
        var first = new ReconnectBackoff(Options);
        var second = new ReconnectBackoff(Options);

        Enumerable.Range(0, 20).Select(first.DelayFor).Should().Equal(Enumerable.Range(0, 20).Select(second.DelayFor));
        first.Seed.Should().Be(1234);
    }

    [Fact]
    public void DelayFor_EachAttempt_BetweenHalfAndAllOfTheCappedExponential()
    {
        var backoff = new ReconnectBackoff(Options);

        for (var attempt = 0; attempt < 40; attempt++)
        {
            var ceiling = Math.Min(100 * Math.Pow(2, attempt), 5000);
            backoff.DelayFor(attempt).TotalMilliseconds.Should().BeInRange(ceiling / 2, ceiling, $"attempt {attempt}");
        }
    }

    [Fact]
    public void DelayFor_DifferentSeeds_Differ()
    {
        var a = new ReconnectBackoff(Options with { JitterSeed = 1 });
        var b = new ReconnectBackoff(Options with { JitterSeed = 2 });

        Enumerable.Range(0, 5).Select(a.DelayFor).Should().NotEqual(Enumerable.Range(0, 5).Select(b.DelayFor));
    }
}
