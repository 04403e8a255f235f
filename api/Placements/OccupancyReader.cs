using WebKita.Grains.Common;
using WebKita.Silo.Registration;
using WebKita.Silo.Rounds;

namespace WebKita.Api.Placements;

/// <summary>A school's occupancy, offering by offering, for GET /schools/{id}/occupancy and the staff pages alike.</summary>
public sealed class OccupancyReader(RegistrationDirectory registration, RoundDirectory rounds)
{
    public async Task<SchoolOccupancy> ReadAsync(TenantId tenant, Guid schoolId, CancellationToken cancellationToken)
    {
        var inRounds = await RoundPlaces.AtSchoolAsync(tenant, schoolId, rounds, cancellationToken);
        var offerings = new List<OfferingOccupancy>();
        foreach (var offering in await registration.ListOfferingsAsync(tenant, schoolId, cancellationToken))
        {
            var applications = await registration.ListApplicationsAsync(tenant, offering.Id, cancellationToken);
            offerings.Add(OfferingOccupancy.From(offering, applications, [.. inRounds[offering.Id]]));
        }

        return SchoolOccupancy.Of(schoolId, offerings);
    }
}
