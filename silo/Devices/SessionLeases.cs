using System.Security.Cryptography;
using System.Text;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Devices;

/// <summary>
/// Leases on the gateways' MQTT sessions, one per client id, kept in the store. Several gateways
/// run with one client id: the holder connects, the others stand by and take the session over
/// (with every message the broker queued for it) once the holder released the lease or stopped
/// renewing it. Exclusivity does not rest on the lease: the broker allows one connection per
/// client id and drops the older one. The lease only keeps gateways from taking the session from
/// each other in turn. Thread-safe.
/// </summary>
public sealed class SessionLeases(IGrainStore store, TimeProvider time)
{
    /// <summary>Not a valid tenant id, so no county's data can ever share it.</summary>
    public const string LeaseTenant = "_gateways";

    /// <summary>
    /// Takes or renews the lease for <paramref name="duration"/> if it is free or already
    /// <paramref name="holder"/>'s; otherwise (or when another gateway won the race) answers with the lease as it stands.
    /// </summary>
    public async Task<(bool Held, SessionLease Lease)> TryHoldAsync(string session, string holder, TimeSpan duration, CancellationToken cancellationToken)
    {
        var key = Key(session);
        var stored = await store.ReadAsync(key, cancellationToken);
        var now = time.GetUtcNow();
        if (stored is not null && GrainJson.Deserialize<SessionLease>(stored.State) is var current && !current.IsFreeFor(holder, now))
        {
            return (false, current);
        }

        var lease = new SessionLease(holder, now + duration);
        try
        {
            await store.CommitAsync(new ChangeSet([new GrainWrite(key, stored?.Version ?? 0, GrainJson.Serialize(lease))], [], [], []), cancellationToken);
            return (true, lease);
        }
        catch (StaleWriteException)
        {
            var winner = await store.ReadAsync(key, cancellationToken);
            return (false, winner is null ? lease with { Holder = "?" } : GrainJson.Deserialize<SessionLease>(winner.State));
        }
    }

    /// <summary>Ends <paramref name="holder"/>'s lease now, so a standby need not wait for it to lapse. Does nothing if another holds it.</summary>
    public async Task ReleaseAsync(string session, string holder, CancellationToken cancellationToken)
    {
        var key = Key(session);
        if (await store.ReadAsync(key, cancellationToken) is not { } stored || GrainJson.Deserialize<SessionLease>(stored.State).Holder != holder)
        {
            return;
        }

        try
        {
            var released = new SessionLease(holder, time.GetUtcNow());
            await store.CommitAsync(new ChangeSet([new GrainWrite(key, stored.Version, GrainJson.Serialize(released))], [], [], []), cancellationToken);
        }
        catch (StaleWriteException)
        {
            // Taken over meanwhile: nothing of ours left to release.
        }
    }

    private static GrainKey Key(string session) =>
        new(LeaseTenant, GrainKinds.SessionLease, new Guid(SHA256.HashData(Encoding.UTF8.GetBytes(session)).AsSpan(0, 16)));
}
