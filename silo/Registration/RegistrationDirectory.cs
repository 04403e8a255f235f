using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Registration;

/// <summary>
/// Offerings and their applications. Every change goes to the offering's activation (one turn at a
/// time, group commit; in the cluster, its grain); reads go to the store, which holds only
/// committed state.
/// </summary>
public sealed class RegistrationDirectory(IGrainStore store, IOfferings offerings) : IReminderTarget
{
    /// <summary>An offering's durable reminder for the earliest open offer's deadline.</summary>
    public const string OffersExpireReminder = "offers-expire";

    /// <summary>Decides a command; the reply is returned only after its effects are committed.</summary>
    public Task<OfferingReply> SendAsync(TenantId tenant, Guid offeringId, OfferingCommand command, CancellationToken cancellationToken) =>
        offerings.SendAsync(tenant, offeringId, command, cancellationToken);

    string IReminderTarget.ReminderKind => GrainKinds.Offering;

    Task IReminderTarget.FireAsync(Reminder reminder, CancellationToken cancellationToken) =>
        SendAsync(
            new TenantId(reminder.Grain.Tenant),
            reminder.Grain.Id,
            reminder.Name == OffersExpireReminder ? new ExpireOfferedPlaces(reminder) : new AdvanceRegistrationPhase(reminder),
            cancellationToken);

    public async Task<Offering?> FindOfferingAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(new GrainKey(tenant.Value, GrainKinds.Offering, id), cancellationToken) is { } stored
            ? GrainJson.Deserialize<Offering>(stored.State)
            : null;

    public async Task<IReadOnlyList<Offering>> ListOfferingsAsync(TenantId tenant, Guid? schoolId, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.Offering, schoolId, cancellationToken))
            .Select(s => GrainJson.Deserialize<Offering>(s.State)).OrderBy(o => o.Terms.Window.Opens).ThenBy(o => o.Terms.Title, StringComparer.CurrentCulture)];

    public async Task<ApplicationView?> FindApplicationAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(new GrainKey(tenant.Value, GrainKinds.Application, id), cancellationToken) is { } stored
            ? await ViewAsync(tenant, GrainJson.Deserialize<Application>(stored.State), cancellationToken)
            : null;

    public async Task<ApplicationView?> FindApplicationByIdempotencyKeyAsync(TenantId tenant, string key, CancellationToken cancellationToken) =>
        await store.ReadByAliasAsync(tenant.Value, GrainKinds.Application, key, cancellationToken) is { } stored
            ? await ViewAsync(tenant, GrainJson.Deserialize<Application>(stored.State), cancellationToken)
            : null;

    /// <summary>An offering's applications in arrival order, with waitlist positions.</summary>
    public async Task<IReadOnlyList<ApplicationView>> ListApplicationsAsync(TenantId tenant, Guid offeringId, CancellationToken cancellationToken)
    {
        var offering = await FindOfferingAsync(tenant, offeringId, cancellationToken);
        if (offering is null)
        {
            return [];
        }

        var positions = offering.Waitlist.Select((id, index) => (id, index)).ToDictionary(p => p.id, p => p.index + 1);
        return [.. (await store.ListAsync(tenant.Value, GrainKinds.Application, offeringId, cancellationToken))
            .Select(s => GrainJson.Deserialize<Application>(s.State))
            .OrderBy(a => a.Arrival)
            .Select(a => new ApplicationView(a, positions.TryGetValue(a.Id, out var p) ? p : null, offering.Terms.SchoolId))];
    }

    /// <summary>
    /// A family's applications across all offerings. Scans the tenant's applications: a county has
    /// a few thousand, and this serves rare requests (export, deletion, "my applications").
    /// </summary>
    public async Task<IReadOnlyList<ApplicationView>> ListApplicationsOfFamilyAsync(TenantId tenant, Guid familyId, CancellationToken cancellationToken)
    {
        var applications = (await store.ListAsync(tenant.Value, GrainKinds.Application, null, cancellationToken))
            .Select(s => GrainJson.Deserialize<Application>(s.State))
            .Where(a => a.FamilyId == familyId)
            .OrderBy(a => a.SubmittedAt);
        var views = new List<ApplicationView>();
        foreach (var application in applications)
        {
            views.Add(await ViewAsync(tenant, application, cancellationToken));
        }

        return views;
    }

    private async Task<ApplicationView> ViewAsync(TenantId tenant, Application application, CancellationToken cancellationToken)
    {
        var offering = await FindOfferingAsync(tenant, application.OfferingId, cancellationToken);
        return new ApplicationView(application, offering?.WaitlistPosition(application.Id), offering?.Terms.SchoolId ?? Guid.Empty);
    }
}
