using System.Text.Json;

namespace WebKita.Silo.Cluster.Postgres;

/// <summary>A membership entry as the JSON text of its row; silo addresses in their parsable form.</summary>
internal sealed record StoredMember(
    string Address,
    SiloStatus Status,
    IReadOnlyList<StoredSuspicion> Suspicions,
    int ProxyPort,
    string HostName,
    string SiloName,
    string RoleName,
    int UpdateZone,
    int FaultZone,
    DateTime StartTime,
    DateTime IAmAliveTime)
{
    public static string Write(MembershipEntry entry) => JsonSerializer.Serialize(new StoredMember(
        entry.SiloAddress.ToParsableString(),
        entry.Status,
        [.. (entry.SuspectTimes ?? []).Select(s => new StoredSuspicion(s.Item1.ToParsableString(), s.Item2))],
        entry.ProxyPort,
        entry.HostName ?? "",
        entry.SiloName ?? "",
        entry.RoleName ?? "",
        entry.UpdateZone,
        entry.FaultZone,
        entry.StartTime,
        entry.IAmAliveTime));

    public static MembershipEntry Read(string json, DateTime iAmAlive)
    {
        var stored = JsonSerializer.Deserialize<StoredMember>(json) ?? throw new JsonException("A membership row holds null.");
        return new MembershipEntry
        {
            SiloAddress = SiloAddress.FromParsableString(stored.Address),
            Status = stored.Status,
            SuspectTimes = [.. stored.Suspicions.Select(s => Tuple.Create(SiloAddress.FromParsableString(s.By), s.At))],
            ProxyPort = stored.ProxyPort,
            HostName = stored.HostName,
            SiloName = stored.SiloName,
            RoleName = stored.RoleName,
            UpdateZone = stored.UpdateZone,
            FaultZone = stored.FaultZone,
            StartTime = stored.StartTime,
            IAmAliveTime = iAmAlive,
        };
    }
}

internal sealed record StoredSuspicion(string By, DateTime At);
