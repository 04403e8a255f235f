using WebKita.Grains.Applications;
using WebKita.Grains.Common;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Retention;

/// <summary>
/// The yearly deletion of old registrations (DOMAIN.md: "yearly deletion of old data"), one
/// durable reminder per tenant. A run anonymises every application, first come first served and
/// in rounds, whose registration closed (the offering's window, the round's deadline) before the
/// start of the school year <see cref="RetentionOptions.KeepSchoolYears"/> before the current
/// one: the child's names and birth date (the birth year stays) and the link to the family go;
/// status, grade and times stay for statistics, and published round runs stay recomputable.
/// An application with an offer still open is held back. The anonymised rows, the audit entry
/// (counts only), the record of the year and the next year's reminder are one commit, so a run
/// that fails (a stale row, the store down) changes nothing and fires again after its lease.
/// </summary>
public sealed class RetentionJob(IGrainStore store, RetentionOptions options, TimeProvider time) : IReminderTarget
{
    public const string Kind = "retention";

    public const string YearlyRun = "yearly-run";

    /// <summary>One record per tenant; the tenant is part of the key.</summary>
    public static readonly Guid RecordId = new("5e7e0000-0000-4000-8000-000000000001");

    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    public string ReminderKind => Kind;

    public static GrainKey Key(TenantId tenant) => new(tenant.Value, Kind, RecordId);

    /// <summary>
    /// Makes sure the tenant's next run is scheduled; every start calls it. Idempotent: the date
    /// follows from the record, not from the moment of the start, so a restart after the due time
    /// and before the run still runs that year.
    /// </summary>
    public async Task ScheduleAsync(TenantId tenant, CancellationToken cancellationToken)
    {
        if (!options.Enabled)
        {
            return;
        }

        var stored = await store.ReadAsync(Key(tenant), cancellationToken);
        var record = stored is null ? new RetentionRecord(tenant, FirstYear(time.GetUtcNow())) : GrainJson.Deserialize<RetentionRecord>(stored.State);
        IReadOnlyList<GrainWrite> writes = stored is null ? [new GrainWrite(Key(tenant), 0, GrainJson.Serialize(record))] : [];
        try
        {
            await store.CommitAsync(new ChangeSet(writes, [], [new Reminder(Key(tenant), YearlyRun, DueIn(record.NextYear))], []), cancellationToken);
        }
        catch (StaleWriteException)
        {
            // Another process scheduled it first, at the same date.
        }
    }

    public async Task FireAsync(Reminder reminder, CancellationToken cancellationToken)
    {
        var tenant = new TenantId(reminder.Grain.Tenant);
        var stored = await store.ReadAsync(reminder.Grain, cancellationToken);
        if (stored is null)
        {
            await store.CommitAsync(new ChangeSet([], [], [], [reminder]), cancellationToken);
            return;
        }

        var record = GrainJson.Deserialize<RetentionRecord>(stored.State);
        var year = record.NextYear;
        if (DueIn(year) > time.GetUtcNow())
        {
            // A stale reminder (the year ran already): only move it to the next run.
            await store.CommitAsync(new ChangeSet([], [], [new Reminder(reminder.Grain, YearlyRun, DueIn(year))], [reminder]), cancellationToken);
            return;
        }

        var now = time.GetUtcNow();
        var cutoff = Cutoff(now);
        var writes = new List<GrainWrite>();
        var (heldBack, firstCome, inRounds) = (0, 0, 0);
        foreach (var offering in (await store.ListAsync(tenant.Value, GrainKinds.Offering, null, cancellationToken))
            .Select(s => GrainJson.Deserialize<Offering>(s.State)).Where(o => o.Terms.Window.Closes < cutoff))
        {
            var (held, forgotten) = Forget(
                (await store.ListAsync(tenant.Value, GrainKinds.Application, offering.Id, cancellationToken)).Select(row => (
                    GrainJson.Deserialize<Application>(row.State),
                    (Func<Application, IEnumerable<GrainWrite>>)(a => [new GrainWrite(row.Key, row.Version, GrainJson.Serialize(a), offering.Id)]))),
                now, a => (a.Status, a.OfferExpiresAt, a.IsForgotten), a => a.Forget(now), writes);
            (heldBack, firstCome) = (heldBack + held, firstCome + forgotten);
        }

        foreach (var round in (await store.ListAsync(tenant.Value, GrainKinds.Round, null, cancellationToken))
            .Select(s => GrainJson.Deserialize<AllocationRound>(s.State)).Where(r => r.Deadline < cutoff))
        {
            // A round's applications are stored in two rows each (RankedApplicationRows): read and written as the round's turns do.
            var (held, forgotten) = Forget(
                (await RankedApplicationRows.ListAsync(store, tenant, round.Id, cancellationToken)).Select(stored => (
                    stored.Application,
                    (Func<RankedApplication, IEnumerable<GrainWrite>>)(a => RankedApplicationRows.Writes(stored, a, null)))),
                now, a => (a.Status, a.OfferExpiresAt, a.IsForgotten), a => a.Forget(now), writes);
            (heldBack, inRounds) = (heldBack + held, inRounds + forgotten);
        }

        var counts = new RetentionCounts(year, cutoff, firstCome, inRounds, heldBack);
        writes.Add(new GrainWrite(reminder.Grain, stored.Version, GrainJson.Serialize(record with { LastRunYear = year, LastRun = counts })));
        var audit = new AuditEntry(tenant.Value, Guid.Empty, "System", "RunRetention", Kind, RecordId, null, now, GrainJson.Serialize(counts));
        await store.CommitAsync(
            new ChangeSet(writes, [], [new Reminder(reminder.Grain, YearlyRun, DueIn(year + 1))], [reminder], [audit]), cancellationToken);
    }

    /// <summary>
    /// The first run is the first run date after the first start: an upgrade that brings this job
    /// deletes nothing at once, and the operator has until then to set what is kept.
    /// </summary>
    private int FirstYear(DateTimeOffset now) => LocalDate(now).Year is var year && DueIn(year) > now ? year : year + 1;

    /// <summary>Midnight in Europe/Berlin at the configured month and day of <paramref name="year"/>.</summary>
    public DateTimeOffset DueIn(int year) => Midnight(new DateOnly(year, options.Month, options.Day));

    /// <summary>The start of the school year <see cref="RetentionOptions.KeepSchoolYears"/> before the one <paramref name="now"/> is in.</summary>
    public DateTimeOffset Cutoff(DateTimeOffset now)
    {
        var today = LocalDate(now);
        var current = today.Month >= RetentionOptions.SchoolYearStartMonth ? today.Year : today.Year - 1;
        return Midnight(new DateOnly(current - options.KeepSchoolYears, RetentionOptions.SchoolYearStartMonth, 1));
    }

    /// <summary>Adds the anonymised rows to <paramref name="writes"/> (each application's own way of writing them); returns how many were held back for an open offer and how many forgotten.</summary>
    private static (int HeldBack, int Forgotten) Forget<T>(
        IEnumerable<(T Application, Func<T, IEnumerable<GrainWrite>> Write)> stored, DateTimeOffset now,
        Func<T, (ApplicationStatus Status, DateTimeOffset? OfferExpiresAt, bool IsForgotten)> facts, Func<T, T> forget, List<GrainWrite> writes)
    {
        var (heldBack, forgotten) = (0, 0);
        foreach (var (application, write) in stored)
        {
            var (status, offerExpiresAt, isForgotten) = facts(application);
            if (status == ApplicationStatus.Offered && offerExpiresAt > now)
            {
                heldBack++;
            }
            else if (!isForgotten)
            {
                writes.AddRange(write(forget(application)));
                forgotten++;
            }
        }

        return (heldBack, forgotten);
    }

    private static DateOnly LocalDate(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Berlin).DateTime);

    private static DateTimeOffset Midnight(DateOnly date)
    {
        var local = date.ToDateTime(TimeOnly.MinValue);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local));
    }
}
