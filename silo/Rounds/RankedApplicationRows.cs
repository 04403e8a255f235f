using WebKita.Grains.Common;
using WebKita.Grains.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Rounds;

/// <summary>
/// How a ranked application is stored: its form row, the whole application as written by the
/// last change to what was stated (child, preferences, facts: submission, verified evidence,
/// erasure), and once the round decided about it a small standing row (status, offer, reason,
/// the run's ranking) that takes precedence. The run and every later offer, answer and staff
/// decision write the standing alone: at the deadline 50,000 small rows instead of every
/// application again. An application stored whole (no standing row, as before) reads as it is.
/// </summary>
internal static class RankedApplicationRows
{
    public static async Task<IReadOnlyList<StoredRankedApplication>> ReadManyAsync(
        IGrainStore store, TenantId tenant, IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken)
    {
        var forms = await store.ReadManyAsync(tenant.Value, GrainKinds.RankedApplication, ids, cancellationToken);
        return forms.Count == 0 ? [] : Compose(forms, await store.ReadManyAsync(tenant.Value, GrainKinds.RankedApplicationStanding, [.. forms.Select(f => f.Key.Id)], cancellationToken));
    }

    public static async Task<StoredRankedApplication?> ReadAsync(IGrainStore store, TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        (await ReadManyAsync(store, tenant, [id], cancellationToken)).SingleOrDefault();

    public static async Task<StoredRankedApplication?> ReadByAliasAsync(IGrainStore store, TenantId tenant, string alias, CancellationToken cancellationToken) =>
        await store.ReadByAliasAsync(tenant.Value, GrainKinds.RankedApplication, alias, cancellationToken) is { } form
            ? Compose([form], await store.ReadManyAsync(tenant.Value, GrainKinds.RankedApplicationStanding, [form.Key.Id], cancellationToken))[0]
            : null;

    /// <summary>A round's applications (or a tenant's, without <paramref name="roundId"/>); both kinds of rows are read at once.</summary>
    public static async Task<IReadOnlyList<StoredRankedApplication>> ListAsync(IGrainStore store, TenantId tenant, Guid? roundId, CancellationToken cancellationToken)
    {
        var forms = store.ListAsync(tenant.Value, GrainKinds.RankedApplication, roundId, cancellationToken);
        var standings = store.ListAsync(tenant.Value, GrainKinds.RankedApplicationStanding, roundId, cancellationToken);
        return Compose(await forms, await standings);
    }

    /// <summary>
    /// The rows a change writes: the standing alone when only the round's decision changed, else
    /// the form (with the alias, which belongs to it) and the standing too if there is one, so
    /// that it does not hide the new form's status.
    /// </summary>
    public static IEnumerable<GrainWrite> Writes(StoredRankedApplication? stored, RankedApplication application, string? alias)
    {
        var standing = ApplicationStanding.Of(application);
        var formChanged = stored is not { FormVersion: > 0 } || alias is not null || !Equals(standing.On(stored.Application), application);
        if (formChanged)
        {
            yield return new GrainWrite(Key(application, GrainKinds.RankedApplication), stored?.FormVersion ?? 0, GrainJson.Serialize(application), application.RoundId, alias);
        }

        if (!formChanged || stored is { StandingVersion: > 0 })
        {
            yield return new GrainWrite(Key(application, GrainKinds.RankedApplicationStanding), stored!.StandingVersion, GrainJson.Serialize(standing), application.RoundId);
        }
    }

    private static GrainKey Key(RankedApplication application, string kind) => new(application.Tenant.Value, kind, application.Id);

    private static StoredRankedApplication[] Compose(IReadOnlyList<StoredGrain> forms, IReadOnlyList<StoredGrain> standings)
    {
        var byId = standings.ToDictionary(s => s.Key.Id);
        return EveryCore.Map(forms.Count, i =>
        {
            var form = GrainJson.Deserialize<RankedApplication>(forms[i].State);
            return byId.TryGetValue(form.Id, out var standing)
                ? new StoredRankedApplication(forms[i].Version, standing.Version, GrainJson.Deserialize<ApplicationStanding>(standing.State).On(form))
                : new StoredRankedApplication(forms[i].Version, 0, form);
        });
    }
}
