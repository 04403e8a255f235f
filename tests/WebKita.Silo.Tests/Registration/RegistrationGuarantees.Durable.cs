using Microsoft.Extensions.Logging.Abstractions;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Tests.Registration;

/// <summary>The guarantees that outlive a turn: window reminders fire once at their time, the outbox delivers once in order.</summary>
public abstract partial class RegistrationGuarantees
{
    [Fact]
    public async Task CreateOffering_Committed_SetsBothWindowReminders()
    {
        await CreateOfferingAsync(capacity: 1);

        (await Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Should().Equal(
            new Reminder(Silos.OfferingKey(OfferingId), "registration-closes", Silos.Closes),
            new Reminder(Silos.OfferingKey(OfferingId), "registration-opens", Silos.Opens));
    }

    [Fact]
    public async Task FireDueAsync_PastOpensThenCloses_AdvancesPhaseOnceEach()
    {
        await CreateOfferingAsync(capacity: 1);
        var reminders = new ReminderService(Store, [Registration], Time, new SiloOptions(), NullLogger<ReminderService>.Instance, new ProcessClaimants());
        (await reminders.FireDueAsync(default)).Should().Be(0);

        Time.SetUtcNow(Silos.Opens.AddSeconds(1));
        var firedAtOpens = await reminders.FireDueAsync(default);
        var firedAgain = await reminders.FireDueAsync(default);

        firedAtOpens.Should().Be(1);
        firedAgain.Should().Be(0);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
        (await Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Select(e => e.Type).Should().Equal("offering.registration_open");
        (await Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Select(r => r.Name).Should().Equal("registration-closes");

        Time.SetUtcNow(Silos.Closes);
        (await reminders.FireDueAsync(default)).Should().Be(1);

        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Closed);
        (await Store.ReadEventsAsync(Silos.Tenant.Value, OfferingId, default)).Select(e => e.Type)
            .Should().Equal("offering.registration_open", "offering.registration_closed");
        (await Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Should().BeEmpty();
    }

    [Fact]
    public async Task FireDueAsync_WindowMovedLater_FiresAtTheNewTimeOnly()
    {
        await CreateOfferingAsync(capacity: 1);
        var reminders = new ReminderService(Store, [Registration], Time, new SiloOptions(), NullLogger<ReminderService>.Instance, new ProcessClaimants());
        var later = Silos.Terms(capacity: 1) with { Window = new RegistrationWindow(Silos.Opens.AddDays(1), Silos.Closes) };
        (await Registration.SendAsync(Silos.Tenant, OfferingId, new ChangeOfferingTerms(later), default)).Refusal.Should().BeNull();

        Time.SetUtcNow(Silos.Opens);
        (await reminders.FireDueAsync(default)).Should().Be(0);
        Time.SetUtcNow(Silos.Opens.AddDays(1));
        (await reminders.FireDueAsync(default)).Should().Be(1);

        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Phase.Should().Be(RegistrationPhase.Open);
    }

    [Fact]
    public async Task DispatchPendingAsync_CommittedEvents_DeliveredOnceInOrder()
    {
        await CreateOfferingAsync(capacity: 2);
        Time.SetUtcNow(Silos.Opens);
        var ids = new List<Guid>();
        for (var n = 1; n <= 3; n++)
        {
            ids.Add((await Submit(n)).Application!.Id);
        }

        await Submit(4, Silos.Closes.AddDays(1));
        var subscriber = new RecordingSubscriber();
        var outbox = new OutboxDispatcher(Store, [subscriber], Time, new SiloOptions(), NullLogger<OutboxDispatcher>.Instance, new ProcessClaimants());

        var delivered = await outbox.DispatchPendingAsync(default);
        var deliveredAgain = await outbox.DispatchPendingAsync(default);

        delivered.Should().Be(3);
        deliveredAgain.Should().Be(0);
        subscriber.Delivered.Select(e => (e.Type, e.GrainId)).Should().Equal(
            ("application.accepted", ids[0]), ("application.accepted", ids[1]), ("application.waitlisted", ids[2]));
        subscriber.Delivered.Select(e => e.Sequence).Should().BeInAscendingOrder();
        subscriber.Delivered.Should().OnlyContain(e => e.Tenant == Silos.Tenant.Value);
        Time.Advance(TimeSpan.FromHours(1));
        (await outbox.DispatchPendingAsync(default)).Should().Be(0, "dispatched events are not delivered again");
    }

    [Fact]
    public async Task DispatchPendingAsync_EventsLeasedToOneDispatcher_DeliveredByItWithWhatOthersLeftAndByNoOtherDispatcher()
    {
        await CreateOfferingAsync(capacity: 2);
        Time.SetUtcNow(Silos.Opens);
        var owner = new ProcessClaimants();
        Store.LeaseCommittedEvents(() => new OutboxLease(owner.Current().Name, Time.GetUtcNow() + TimeSpan.FromSeconds(30)));
        var leased = (await Submit(1)).Application!.Id;
        Store.LeaseCommittedEvents(null);
        var free = (await Submit(2)).Application!.Id;
        var ownersSubscriber = new RecordingSubscriber();
        var othersSubscriber = new RecordingSubscriber();
        var ownersOutbox = new OutboxDispatcher(Store, [ownersSubscriber], Time, new SiloOptions(), NullLogger<OutboxDispatcher>.Instance, owner);
        var othersOutbox = new OutboxDispatcher(Store, [othersSubscriber], Time, new SiloOptions(), NullLogger<OutboxDispatcher>.Instance, new ProcessClaimants());

        var byTheOther = await othersOutbox.DispatchPendingAsync(default);
        var byTheOwner = await ownersOutbox.DispatchPendingAsync(default);

        byTheOther.Should().Be(1);
        othersSubscriber.Delivered.Select(e => (e.Type, e.GrainId)).Should().Equal([("application.accepted", free)], "only the event committed without a lease was free");
        byTheOwner.Should().Be(1);
        ownersSubscriber.Delivered.Select(e => (e.Type, e.GrainId)).Should().Equal(("application.accepted", leased));
    }

    [Fact]
    public async Task Running_EventsCommittedMeanwhile_LeasedToThisDispatcherAndHandedBackOnceItStopped()
    {
        await CreateOfferingAsync(capacity: 2);
        Time.SetUtcNow(Silos.Opens);
        await Submit(1);
        var owner = new ProcessClaimants();
        var subscriber = new RecordingSubscriber();
        var running = new OutboxDispatcher(Store, [subscriber], Time, new SiloOptions(), NullLogger<OutboxDispatcher>.Instance, owner);
        var other = new OutboxDispatcher(Store, [new RecordingSubscriber()], Time, new SiloOptions(), NullLogger<OutboxDispatcher>.Instance, new ProcessClaimants());

        await running.StartAsync(default);
        // Its first round claims what was there and marks it after delivering; the next round
        // waits for a tick of the manual clock.
        await subscriber.FirstDelivery.WaitAsync(TimeSpan.FromSeconds(30));
        using (var marked = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while ((await Store.ReadLeasedOutboxAsync(owner.Current().Name, Time.GetUtcNow(), 10, marked.Token)).Count > 0)
            {
                await Task.Yield();
            }
        }

        var whileRunning = (await Submit(2)).Application!.Id;
        var takenWhileRunning = await other.DispatchPendingAsync(default);
        var leased = await Store.ReadLeasedOutboxAsync(owner.Current().Name, Time.GetUtcNow(), 10, default);
        await running.StopAsync(default);
        var afterStop = (await Submit(3)).Application!.Id;
        var takenAfterStop = await other.DispatchPendingAsync(default);

        takenWhileRunning.Should().Be(0, "what this process commits while its dispatcher runs is the dispatcher's");
        leased.Select(e => e.GrainId).Should().Equal(whileRunning);
        takenAfterStop.Should().Be(2, "a stopped dispatcher hands back what it leased, and the process commits its events unleased");
        (await Store.ReadLeasedOutboxAsync(owner.Current().Name, Time.GetUtcNow(), 10, default)).Should().BeEmpty();
        (await Store.ReadEventsAsync(Silos.Tenant.Value, afterStop, default)).Should().ContainSingle();
    }

    [Fact]
    public async Task DispatchPendingAsync_SubscriberThrows_EventStaysPendingUntilDelivered()
    {
        await CreateOfferingAsync(capacity: 2);
        Time.SetUtcNow(Silos.Opens);
        var id = (await Submit(1)).Application!.Id;
        var subscriber = new RecordingSubscriber { Failing = true };
        var outbox = new OutboxDispatcher(Store, [subscriber], Time, new SiloOptions(), NullLogger<OutboxDispatcher>.Instance, new ProcessClaimants());

        (await outbox.DispatchPendingAsync(default)).Should().Be(0);
        subscriber.Failing = false;
        (await outbox.DispatchPendingAsync(default)).Should().Be(0, "the failed event is leased for 30 s");
        Time.Advance(TimeSpan.FromSeconds(30));
        var delivered = await outbox.DispatchPendingAsync(default);

        delivered.Should().Be(1);
        subscriber.Delivered.Select(e => (e.Type, e.GrainId)).Should().Equal(("application.accepted", id));
    }
}
