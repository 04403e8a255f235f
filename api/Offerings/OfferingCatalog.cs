using WebKita.Api.Accounts;
using WebKita.Silo.Registration;
using WebKita.Silo.Schools;

namespace WebKita.Api.Offerings;

/// <summary>The county's new offerings, for the JSON endpoint and the county's pages alike.</summary>
public sealed class OfferingCatalog(SchoolDirectory schools, RegistrationDirectory registration)
{
    /// <summary>
    /// Creates the offering under <paramref name="id"/> (derived from an idempotency key, so a
    /// repeat finds the same offering). Null reply: field errors, keyed by the JSON field names.
    /// </summary>
    public async Task<(OfferingReply? Reply, Dictionary<string, string[]> Errors)> CreateAsync(
        Caller caller, Guid id, OfferingRequest request, CancellationToken cancellationToken)
    {
        var (terms, errors) = request.ToTerms();
        if (terms is null)
        {
            return (null, errors);
        }

        if (await schools.FindAsync(caller.Tenant, terms.SchoolId, cancellationToken) is null)
        {
            return (null, new Dictionary<string, string[]> { ["schoolId"] = ["names no school of this tenant"] });
        }

        return (await registration.SendAsync(caller.Tenant, id, new CreateOffering(terms) { By = caller.ToActor() }, cancellationToken), errors);
    }
}
