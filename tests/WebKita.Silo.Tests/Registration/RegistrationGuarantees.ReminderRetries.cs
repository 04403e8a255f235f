using Microsoft.Extensions.Logging.Abstractions;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// A reminder whose firing failed is tried again after 1 s, 2 s, 4 s … rather than after its
/// 1-minute lease, and the retry touches only the firing that failed.
/// </summary>
public abstract partial class RegistrationGuarantees
{
    [Fact]
    public async Task FireDueAsync_TargetFailsOnce_FiresAgainAfterOneSecondAndCommits()
    {
        await CreateOfferingAsync(capacity: 1);
        var target = new FlakyTarget(Registration, failures: 1);
        var reminders = Reminders(target);
        Time.SetUtcNow(Silos.Opens);
        (await reminders.FireDueAsync(default)).Should().Be(1);

        Time.Advance(TimeSpan.FromMilliseconds(999));
        var beforeRetry = await reminders.FireDueAsync(default);
        Time.Advance(TimeSpan.FromMilliseconds(1));
        var atRetry = await reminders.FireDueAsync(default);

        beforeRetry.Should().Be(0);
        atRetry.Should().Be(1);
        target.Attempts.Should().Be(2);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
        (await Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Select(e => e.Type).Should().Equal("offering.registration_open");
        (await Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Select(r => r.Name).Should().Equal("registration-closes");
    }

    [Fact]
    public async Task FireDueAsync_TargetTimesOutWithItsOwnCancellation_CountsAsFailureAndIsRetried()
    {
        await CreateOfferingAsync(capacity: 1);
        // A timeout inside the target (an HTTP call, say) is not the service stopping.
        var target = new FlakyTarget(Registration, failures: 1) { Failure = _ => new TaskCanceledException("The request timed out.") };
        var reminders = Reminders(target);
        Time.SetUtcNow(Silos.Opens);
        (await reminders.FireDueAsync(default)).Should().Be(1);

        Time.Advance(TimeSpan.FromSeconds(1));

        (await reminders.FireDueAsync(default)).Should().Be(1);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
    }

    [Fact]
    public async Task FireDueAsync_TargetKeepsFailing_WaitsOneTwoFourSeconds()
    {
        await CreateOfferingAsync(capacity: 1);
        var target = new FlakyTarget(Registration, failures: 3);
        var reminders = Reminders(target);
        Time.SetUtcNow(Silos.Opens);
        var fired = new List<int> { await reminders.FireDueAsync(default) };

        foreach (var wait in new[] { 1, 2, 4 })
        {
            Time.Advance(TimeSpan.FromSeconds(wait) - TimeSpan.FromMilliseconds(1));
            fired.Add(await reminders.FireDueAsync(default));
            Time.Advance(TimeSpan.FromMilliseconds(1));
            fired.Add(await reminders.FireDueAsync(default));
        }

        fired.Should().Equal(1, 0, 1, 0, 1, 0, 1);
        target.Attempts.Should().Be(4);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
        (await Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Select(e => e.Type).Should().Equal("offering.registration_open");
    }

    [Fact]
    public async Task FireDueAsync_ReminderMovedBeforeTheRetry_FiresAtItsNewTime()
    {
        await CreateOfferingAsync(capacity: 1);
        var moved = Silos.Terms(capacity: 1) with { Window = new RegistrationWindow(Silos.Opens.AddMilliseconds(500), Silos.Closes) };
        var target = new FlakyTarget(Registration, failures: 1)
        {
            // Staff move the opening while the failed firing is still claimed, before its retry is recorded.
            BeforeFailing = async () => (await Registration.SendAsync(Silos.Tenant, OfferingId, new ChangeOfferingTerms(moved), default)).Refusal.Should().BeNull(),
        };
        var reminders = Reminders(target);
        Time.SetUtcNow(Silos.Opens);
        (await reminders.FireDueAsync(default)).Should().Be(1);

        Time.Advance(TimeSpan.FromMilliseconds(500));
        var atNewTime = await reminders.FireDueAsync(default);
        Time.Advance(TimeSpan.FromMilliseconds(500));
        var atRetryOfOldTime = await reminders.FireDueAsync(default);

        atNewTime.Should().Be(1, "the moved reminder is due, and the retry of the old firing left it alone");
        atRetryOfOldTime.Should().Be(0);
        target.Attempts.Should().Be(2);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
        (await Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Select(e => e.Type).Should().Equal("offering.registration_open");
        (await Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Select(r => r.Name).Should().Equal("registration-closes");
    }

    private ReminderService Reminders(IReminderTarget target) =>
        new(Store, [target], Time, new SiloOptions(), NullLogger<ReminderService>.Instance, new ProcessClaimants());
}
