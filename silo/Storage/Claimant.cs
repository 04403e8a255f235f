namespace WebKita.Silo.Storage;

/// <summary>
/// Who takes a lease on due reminders or pending outbox events: this process, by a name unique to
/// its run, and the processes the cluster has declared dead, whose leases end at once instead of
/// when they run out.
/// </summary>
public sealed record Claimant(string Name, IReadOnlyList<string> Dead);

/// <summary>Where the reminder service and the outbox dispatcher learn who they are and who died: in a silo, the cluster's membership.</summary>
public interface IClaimants
{
    Claimant Current();
}

/// <summary>A process on its own: a name of its own, and no one it knows to be dead, so claims lapse with their lease.</summary>
public sealed class ProcessClaimants : IClaimants
{
    private readonly Claimant _self = new($"process-{Guid.NewGuid():N}", []);

    public Claimant Current() => _self;
}
