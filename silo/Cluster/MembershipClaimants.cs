using WebKita.Silo.Storage;

namespace WebKita.Silo.Cluster;

/// <summary>
/// Claimants as the cluster knows them: this silo by its address (a restart is a new generation,
/// so a new name), and every silo membership has declared dead. A silo declared dead stops itself,
/// so its leases can be taken over without waiting them out.
/// </summary>
internal sealed class MembershipClaimants(ILocalSiloDetails local, IClusterMembershipService membership) : IClaimants
{
    public Claimant Current() => new(
        local.SiloAddress.ToParsableString(),
        [.. membership.CurrentSnapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress.ToParsableString())]);
}
