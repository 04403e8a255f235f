using System.Collections.Immutable;
using WebKita.Grains.Common;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Mail;

/// <summary>
/// Notices children moving up a first-come-first-served waitlist. The offering decides no event
/// for the children behind one who leaves, so after each application event of an offering this
/// compares its waitlist with the positions last seen (kept in a small grain of its own) and
/// mails each family whose child moved up. Mails are queued before the positions are written:
/// a crash in between recomputes the same moves for the same event, which queues nothing twice.
/// </summary>
public sealed class WaitlistWatch(RegistrationDirectory registration, FamilyMails families, MailQueue queue, IGrainStore store)
{
    public async Task ObserveAsync(OutboxEntry entry, Guid offeringId, TenantMailSettings settings, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(entry.Tenant);
        var key = new GrainKey(tenant.Value, MailKinds.WaitlistPositions, offeringId);
        while (true)
        {
            if (await registration.FindOfferingAsync(tenant, offeringId, cancellationToken) is not { } offering)
            {
                return;
            }

            var now = offering.Waitlist.Select((id, index) => (id, index)).ToImmutableDictionary(p => p.id, p => p.index + 1);
            var stored = await store.ReadAsync(key, cancellationToken);
            var before = stored is null ? ImmutableDictionary<Guid, int>.Empty : GrainJson.Deserialize<WaitlistPositions>(stored.State).Positions;
            if (now.Count == before.Count && now.All(p => before.TryGetValue(p.Key, out var position) && position == p.Value))
            {
                return;
            }

            var drafts = new List<MailDraft>();
            foreach (var (applicationId, position) in now.Where(p => before.TryGetValue(p.Key, out var was) && p.Value < was))
            {
                if (await families.WaitlistMovedUpAsync(tenant, applicationId, position, FamilyMails.EventOccasion(entry), settings, cancellationToken) is { } draft)
                {
                    drafts.Add(draft);
                }
            }

            await queue.EnqueueAsync(tenant, drafts, settings, cancellationToken);
            try
            {
                await store.CommitAsync(
                    new ChangeSet([new GrainWrite(key, stored?.Version ?? 0, GrainJson.Serialize(new WaitlistPositions(tenant, offeringId, now)))], [], [], []),
                    cancellationToken);
                return;
            }
            catch (StaleWriteException)
            {
                // Another process compared meanwhile; compare again against what it wrote.
            }
        }
    }
}
