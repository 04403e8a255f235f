using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Silo.Registration;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Silo.Tests.Registration;

/// <summary>
/// The commit engine's guarantees within one process (<see cref="EngineOfferings"/>), run against each store: group commit, idempotent
/// submissions, atomic decisions over two grains here; durable reminders and the outbox in
/// <c>RegistrationGuarantees.Durable.cs</c>.
/// </summary>
public abstract partial class RegistrationGuarantees : IAsyncLifetime
{
    private static readonly Guid OfferingId = Guid.Parse("0ff00000-0000-4000-8000-0000000000aa");

    protected ManualTimeProvider Time { get; } = new(Silos.Start);

    protected IGrainStore Store { get; private set; } = null!;

    protected RegistrationDirectory Registration { get; private set; } = null!;

    private EngineOfferings _offerings = null!;

    /// <summary>A migrated store on empty storage of its own.</summary>
    protected abstract Task<IGrainStore> CreateStoreAsync();

    public async Task InitializeAsync()
    {
        Store = await CreateStoreAsync();
        _offerings = new EngineOfferings(Store, Time, new SiloOptions());
        Registration = new RegistrationDirectory(Store, _offerings);
    }

    public virtual async Task DisposeAsync()
    {
        await _offerings.DisposeAsync();
    }

    [Fact]
    public async Task SendAsync_ThousandConcurrentSubmissions_AllocatesFirstComersAndWaitlistsRestInFewCommits()
    {
        await CreateOfferingAsync(capacity: 400);
        Time.SetUtcNow(Silos.Opens);

        var replies = await Task.WhenAll(Enumerable.Range(1, 1000).Select(n => Submit(n)));

        replies.Should().OnlyContain(r => r.Refusal == null && r.Created);
        var applications = await Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default);
        applications.Should().HaveCount(1000);
        applications.Select(a => a.Application.Arrival).Should().Equal(Enumerable.Range(1, 1000).Select(n => (long)n));
        // Requests were posted in this order, and the mailbox decides in posting order.
        applications.Select(a => a.Application.Child).Should().Equal(Enumerable.Range(1, 1000).Select(Silos.Child));
        applications.Take(400).Should().OnlyContain(a => a.Application.Status == ApplicationStatus.Accepted && a.WaitlistPosition == null);
        applications.Skip(400).Should().OnlyContain(a => a.Application.Status == ApplicationStatus.Waitlisted);
        applications.Skip(400).Select(a => a.WaitlistPosition).Should().Equal(Enumerable.Range(1, 600).Select(n => (int?)n));
        replies.Select(r => (r.Application!.Status, r.WaitlistPosition)).Should().Equal(
            applications.Select(a => (a.Application.Status, a.WaitlistPosition)), "each caller was told what was committed");

        var offering = await Store.ReadAsync(Silos.OfferingKey(OfferingId), default);
        var state = (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!;
        state.Allocated.Should().Be(400);
        state.Arrivals.Should().Be(1000);
        state.Waitlist.Should().HaveCount(600);
        // One version per commit: 1,000 decisions in far fewer transactions is group commit at work.
        var commits = offering!.Version - 1;
        commits.Should().BeInRange(1, 100);
    }

    [Fact]
    public async Task SendAsync_ChildAlreadyAppliedByAnotherFamily_RefusesWithoutShowingIt()
    {
        await CreateOfferingAsync(capacity: 5);
        Time.SetUtcNow(Silos.Opens);
        var familyA = Guid.NewGuid();
        var familyB = Guid.NewGuid();
        await Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(1), "a/1", familyA), default);

        var reply = await Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(1), "b/1", familyB), default);

        reply.Refusal!.Code.Should().Be("application.child_applied_by_another_account");
        reply.Application.Should().BeNull();
        var again = await Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(1), "a/2", familyA), default);
        again.Created.Should().BeFalse();
        again.Application!.FamilyId.Should().Be(familyA);
    }

    [Fact]
    public async Task SendAsync_SameChildConcurrentlyInOtherSpellings_CreatesOneApplication()
    {
        await CreateOfferingAsync(capacity: 5);
        Time.SetUtcNow(Silos.Opens);
        var spellings = Enumerable.Range(0, 20).Select(i => new Child(i % 2 == 0 ? "Kind1" : " kind1 ", i % 3 == 0 ? "MUSTER" : "Muster", Silos.Child(1).BirthDate, 2));

        var replies = await Task.WhenAll(spellings.Select((child, i) => Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(child, $"key-{i}"), default)));

        replies.Count(r => r.Created).Should().Be(1);
        replies.Select(r => r.Application!.Id).Distinct().Should().ContainSingle();
        var applications = await Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default);
        applications.Should().ContainSingle().Which.Application.Status.Should().Be(ApplicationStatus.Accepted);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Arrivals.Should().Be(1);
        (await Registration.FindApplicationByIdempotencyKeyAsync(Silos.Tenant, "key-0", default))!.Application.Id.Should().Be(replies[0].Application!.Id);
    }

    [Fact]
    public async Task SendAsync_WithdrawAllocated_OffersThePlaceToTheHeadOfTheWaitlistInSameCommit()
    {
        await CreateOfferingAsync(capacity: 1);
        Time.SetUtcNow(Silos.Opens);
        var first = (await Submit(1)).Application!;
        var second = (await Submit(2)).Application!;
        var third = (await Submit(3)).Application!;
        var versionBefore = (await Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!.Version;
        Time.Advance(TimeSpan.FromMinutes(5));

        var reply = await Registration.SendAsync(Silos.Tenant, OfferingId, new WithdrawApplication(first.Id), default);

        reply.Refusal.Should().BeNull();
        reply.Application!.Status.Should().Be(ApplicationStatus.Withdrawn);
        var offering = (await Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!;
        offering.Version.Should().Be(versionBefore + 1, "withdrawal and offer are one transaction");
        var state = (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!;
        state.Allocated.Should().Be(1);
        state.Waitlist.Should().Equal(third.Id);
        (await Registration.FindApplicationAsync(Silos.Tenant, first.Id, default))!.Application.Status.Should().Be(ApplicationStatus.Withdrawn);
        var offered = (await Registration.FindApplicationAsync(Silos.Tenant, second.Id, default))!;
        offered.Application.Status.Should().Be(ApplicationStatus.Offered);
        offered.Application.OfferExpiresAt.Should().Be(Silos.Opens.AddMinutes(5).AddDays(7));
        offered.Application.ChangedAt.Should().Be(Silos.Opens.AddMinutes(5));
        offered.WaitlistPosition.Should().BeNull();
        (await Store.ListRemindersAsync(Silos.OfferingKey(OfferingId), default)).Should().Contain(
            new Reminder(Silos.OfferingKey(OfferingId), RegistrationDirectory.OffersExpireReminder, Silos.Opens.AddMinutes(5).AddDays(7)));
        (await Registration.FindApplicationAsync(Silos.Tenant, third.Id, default))!.WaitlistPosition.Should().Be(1);
        (await Store.ReadEventsAsync(Silos.Tenant.Value, first.Id, default)).Select(e => e.Type).Should().Equal("application.accepted", "application.withdrawn");
        (await Store.ReadEventsAsync(Silos.Tenant.Value, second.Id, default)).Select(e => e.Type).Should().Equal("application.waitlisted", "application.offered");
        var withdrawn = (await Store.ReadEventsAsync(Silos.Tenant.Value, first.Id, default))[1];
        var promotion = (await Store.ReadEventsAsync(Silos.Tenant.Value, second.Id, default))[1];
        promotion.Sequence.Should().Be(withdrawn.Sequence + 1);
    }

    [Fact]
    public async Task SendAsync_ChangeTermsRaisingCapacity_OffersTheNewPlacesToTheWaitingInOrder()
    {
        await CreateOfferingAsync(capacity: 1);
        Time.SetUtcNow(Silos.Opens);
        var applications = new List<Application>();
        for (var n = 1; n <= 4; n++)
        {
            applications.Add((await Submit(n)).Application!);
        }

        var reply = await Registration.SendAsync(Silos.Tenant, OfferingId, new ChangeOfferingTerms(Silos.Terms(capacity: 3)), default);

        reply.Refusal.Should().BeNull();
        reply.Offering!.Allocated.Should().Be(3);
        reply.Offering.Waitlist.Should().Equal(applications[3].Id);
        var stored = await Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default);
        stored.Select(a => a.Application.Status).Should().Equal(
            ApplicationStatus.Accepted, ApplicationStatus.Offered, ApplicationStatus.Offered, ApplicationStatus.Waitlisted);
        stored[3].WaitlistPosition.Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_SubmissionBeforeOpens_RefusedWithoutCommit()
    {
        await CreateOfferingAsync(capacity: 1);

        var reply = await Submit(1);

        reply.Refusal!.Code.Should().Be("registration.not_open");
        (await Store.ReadAsync(Silos.OfferingKey(OfferingId), default))!.Version.Should().Be(1);
        (await Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default)).Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_CriteriaAtDeadline_StoresSubmittedAndAllocatesNobody()
    {
        await CreateOfferingAsync(capacity: 1, AllocationMode.CriteriaAtDeadline);
        Time.SetUtcNow(Silos.Opens);

        await Task.WhenAll(Enumerable.Range(1, 3).Select(n => Submit(n)));

        (await Registration.ListApplicationsAsync(Silos.Tenant, OfferingId, default))
            .Select(a => a.Application.Status).Should().Equal(ApplicationStatus.Submitted, ApplicationStatus.Submitted, ApplicationStatus.Submitted);
        (await Registration.FindOfferingAsync(Silos.Tenant, OfferingId, default))!.Allocated.Should().Be(0);
    }

    private async Task CreateOfferingAsync(int capacity, AllocationMode mode = AllocationMode.FirstComeFirstServed)
    {
        var reply = await Registration.SendAsync(Silos.Tenant, OfferingId, new CreateOffering(Silos.Terms(capacity, mode)), default);
        reply.Refusal.Should().BeNull();
    }

    private async Task<OfferingReply> Submit(int n, DateTimeOffset? at = null)
    {
        if (at is { } time)
        {
            Time.SetUtcNow(time);
        }

        return await Registration.SendAsync(Silos.Tenant, OfferingId, new SubmitApplication(Silos.Child(n), $"idem-{n}"), default);
    }
}
