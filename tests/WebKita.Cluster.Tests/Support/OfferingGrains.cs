using WebKita.Silo.Registration;
using WebKita.Testing.ApiProcesses;

namespace WebKita.Cluster.Tests.Support;

public static class OfferingGrains
{
    /// <summary>The grain id of an offering of <see cref="ApiCounty.Tenant"/>, as the api addresses it.</summary>
    public static GrainId IdOf(IGrainFactory grains, Guid offeringId) =>
        grains.GetGrain<IOfferingGrain>(offeringId, ApiCounty.Tenant).GetGrainId();
}
