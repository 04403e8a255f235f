using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Storage;

/// <summary>The store's dead letters: per tenant, newest first, paged by sequence, payload kept as bytes.</summary>
public abstract partial class GrainStoreContract
{
    [Fact]
    public async Task ReadDeadLettersAsync_StoredLetter_ReturnsAllFieldsWithBinaryPayload()
    {
        byte[] payload = [0x00, 0xFF, 0x7B, 0x22];
        await Store.AddDeadLetterAsync(new DeadLetter(Tenant, "dev-1", "sue/v1/dev-1/report", "payload.invalid_json", "not JSON", payload, 9000, T0.AddSeconds(3)), default);

        var letters = await Store.ReadDeadLettersAsync(Tenant, null, 10, default);

        letters.Should().ContainSingle();
        letters[0].Should().BeEquivalentTo(new
        {
            Tenant,
            DeviceId = "dev-1",
            Topic = "sue/v1/dev-1/report",
            Reason = "payload.invalid_json",
            Detail = "not JSON",
            PayloadLength = 9000,
            ReceivedAt = T0.AddSeconds(3),
        });
        letters[0].Payload.Should().Equal(payload);
        letters[0].Sequence.Should().BePositive();
    }

    [Fact]
    public async Task ReadDeadLettersAsync_SeveralLetters_NewestFirstPagedBySequence()
    {
        for (var i = 1; i <= 5; i++)
        {
            await Store.AddDeadLetterAsync(Letter(Tenant, $"dev-{i}"), default);
        }

        var first = await Store.ReadDeadLettersAsync(Tenant, null, 2, default);
        var second = await Store.ReadDeadLettersAsync(Tenant, first[^1].Sequence, 2, default);
        var last = await Store.ReadDeadLettersAsync(Tenant, second[^1].Sequence, 2, default);

        first.Select(l => l.DeviceId).Should().Equal("dev-5", "dev-4");
        second.Select(l => l.DeviceId).Should().Equal("dev-3", "dev-2");
        last.Select(l => l.DeviceId).Should().Equal("dev-1");
    }

    [Fact]
    public async Task ReadDeadLettersAsync_OtherTenantAndNoTenant_AreNotListed()
    {
        await Store.AddDeadLetterAsync(Letter(Tenant, "mine"), default);
        await Store.AddDeadLetterAsync(Letter("kreis-b", "theirs"), default);
        await Store.AddDeadLetterAsync(Letter(null, "unknown"), default);

        var letters = await Store.ReadDeadLettersAsync(Tenant, null, 10, default);

        letters.Select(l => l.DeviceId).Should().Equal("mine");
    }

    [Fact]
    public void DeadLetterFor_PayloadOverTheCap_KeepsTheFirstBytesAndTheLength()
    {
        var payload = Enumerable.Range(0, DeadLetter.MaxPayloadBytes + 10).Select(i => (byte)i).ToArray();

        var letter = DeadLetter.For(Tenant, "dev", "sue/v1/dev/report", "r", "d", payload, T0);

        letter.Payload.Should().Equal(payload.Take(DeadLetter.MaxPayloadBytes));
        letter.PayloadLength.Should().Be(DeadLetter.MaxPayloadBytes + 10);
    }

    private static DeadLetter Letter(string? tenant, string deviceId) =>
        new(tenant, deviceId, $"sue/v1/{deviceId}/telemetry", "device.unknown", "no such device", [1, 2, 3], 3, T0);
}
