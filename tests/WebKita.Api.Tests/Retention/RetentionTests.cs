using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WebKita.Api.Applications;
using WebKita.Api.Offerings;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Rounds;
using WebKita.Api.Tests.Statutes;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;
using WebKita.Silo.Retention;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;
using WebKita.Testing;

namespace WebKita.Api.Tests.Retention;

/// <summary>
/// The yearly retention run on a fake clock over two school years and three api starts on one
/// database. The silo's reminder and outbox loops are taken out (their timers cannot wait a year),
/// so the test alone fires reminders.
/// </summary>
public sealed class RetentionTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public async Task YearlyRun_AcrossRestarts_OncePerYearAnonymisesOnlyOldUnheldApplications()
    {
        var time = new ManualTimeProvider(At(2026, 1, 15, 10));
        await using var database = await WebKitaApiFactory.CreateAsync(time: time);
        Guid ada, ben, cem, dora, emil, lastYearsRound, lastYearsOffering;
        await using (var first = WithoutLoops(database))
        {
            using var admin = await SignInAsync(first);
            var school = await admin.CreateSchoolAsync();
            lastYearsOffering = (await admin.CreateOfferingAsync(Terms(school.Id, "Modul 1 2026/27", At(2026, 1, 10), At(2026, 3, 1)))).Id;
            var thisYearsOffering = (await admin.CreateOfferingAsync(Terms(school.Id, "Modul 1 2027/28", At(2027, 1, 10), At(2027, 3, 1)))).Id;
            ada = await SubmitAsync(admin, lastYearsOffering, "Ada", ApplicationStatus.Accepted);
            ben = await SubmitAsync(admin, lastYearsOffering, "Ben", ApplicationStatus.Waitlisted);
            cem = await SubmitAsync(admin, lastYearsOffering, "Cem", ApplicationStatus.Waitlisted);
            var byCriteria = (await admin.CreateOfferingAsync(Terms(school.Id, "Modul 2 2026/27", At(2026, 1, 10), At(2026, 3, 1)) with { Mode = AllocationMode.CriteriaAtDeadline })).Id;
            await admin.AmendStatuteAsync(StatuteClient.Rules);
            lastYearsRound = (await admin.CreateRoundAsync(At(2026, 3, 1), byCriteria)).Id;
            emil = (await admin.SubmitRankedAsync(lastYearsRound, new RankedApplicationRequest(
                new ChildRequest("Emil", "Muster", new DateOnly(2019, 6, 7), 1), null, 1, null, [byCriteria], null, null))).Id;

            time.SetUtcNow(At(2026, 9, 1));
            await FireAsync(first);
            Counts((await RunsAsync(first)).Should().ContainSingle().Subject).Should().BeEquivalentTo(new { Year = 2026, Applications = 0, HeldBack = 0 }, "in 2026 every registration is of this or last school year");

            time.SetUtcNow(At(2027, 1, 15, 10));
            using var later = await SignInAsync(first);
            dora = await SubmitAsync(later, thisYearsOffering, "Dora", ApplicationStatus.Accepted);

            // The day before the run Ada withdraws: Ben is offered her place for a week, past the run.
            time.SetUtcNow(At(2027, 8, 31, 12));
            using var onTheEve = await SignInAsync(first);
            (await onTheEve.Http.PostAsync($"{onTheEve.Tenant}/applications/{ada}/withdraw", null)).StatusCode.Should().Be(HttpStatusCode.OK);
            (await ReadAsync<Application>(first, ben)).Status.Should().Be(ApplicationStatus.Offered);
        }

        // Down over the due moment; the next start still runs 2027, once.
        time.SetUtcNow(At(2027, 9, 2));
        await using (var second = WithoutLoops(new WebKitaApiFactory(database.ConnectionString) { Time = time }))
        {
            await FireAsync(second);
            await FireAsync(second);
            var runs = await RunsAsync(second);
            runs.Should().HaveCount(2);
            Counts(runs[0]).Should().Be(new RetentionCounts(2027, At(2026, 8, 1), 2, 1, 1));
            runs[0].Details.Should().NotContain("Ada").And.NotContain("Cem").And.NotContain("Muster");
            (await ReadAsync<RankedApplication>(second, emil, GrainKinds.RankedApplication)).Should().BeEquivalentTo(new { IsForgotten = true, RoundId = lastYearsRound });
            runs[0].ActorRole.Should().Be("System");
            (await ReadAsync<Application>(second, ada)).Should().BeEquivalentTo(new { IsForgotten = true, Status = ApplicationStatus.Withdrawn, FamilyId = (Guid?)null });
            (await ReadAsync<Application>(second, ada)).Child.Should().Be(new Child(Application.ErasedName, Application.ErasedName, new DateOnly(2019, 1, 1), 1));
            (await ReadAsync<Application>(second, cem)).IsForgotten.Should().BeTrue();
            (await ReadAsync<Application>(second, ben)).Child.FirstName.Should().Be("Ben", "an offer still open is held");
            (await ReadAsync<Application>(second, dora)).Child.FirstName.Should().Be("Dora", "this school year's registrations stay");
            (await ReadAsync<RetentionRecord>(second, RetentionJob.RecordId, RetentionJob.Kind)).LastRunYear.Should().Be(2027);
        }

        // A start after the run schedules 2028, not 2027 again.
        time.SetUtcNow(At(2027, 9, 8, 12));
        await using (var third = WithoutLoops(new WebKitaApiFactory(database.ConnectionString) { Time = time }))
        {
            await FireAsync(third); // Ben's offer lapses
            (await RunsAsync(third)).Should().HaveCount(2);
            (await third.Services.GetRequiredService<IGrainStore>().ListRemindersAsync(RetentionJob.Key(new(WebKitaClient.DefaultTenant)), default))
                .Should().ContainSingle().Which.DueAt.Should().Be(At(2028, 9, 1));

            time.SetUtcNow(At(2028, 9, 1));
            await FireAsync(third);
            var runs = await RunsAsync(third);
            runs.Should().HaveCount(3);
            Counts(runs[0]).Should().Be(new RetentionCounts(2028, At(2027, 8, 1), 2, 0, 0));
            (await ReadAsync<Application>(third, ben)).Should().BeEquivalentTo(new { IsForgotten = true, Status = ApplicationStatus.Expired });
            (await ReadAsync<Application>(third, dora)).IsForgotten.Should().BeTrue();
        }
    }

    private static WebApplicationFactory<Program> WithoutLoops(WebKitaApiFactory api) => api.WithWebHostBuilder(b => b.ConfigureTestServices(services =>
    {
        foreach (var loop in services.Where(d => d.ServiceType == typeof(IHostedService)
            && d.ImplementationFactory is Func<IServiceProvider, ReminderService> or Func<IServiceProvider, OutboxDispatcher>).ToList())
        {
            services.Remove(loop);
        }
    }));

    private static async Task<WebKitaClient> SignInAsync(WebApplicationFactory<Program> api)
    {
        var client = new WebKitaClient(api.CreateClient());
        return client.WithToken(await client.SignInAsync(Credentials.Admin));
    }

    private static OfferingRequest Terms(Guid school, string title, DateTimeOffset opens, DateTimeOffset closes) =>
        new(school, title, OfferingKind.SchoolYearModule, 1, opens, closes, 1, 4, AllocationMode.FirstComeFirstServed);

    private static async Task<Guid> SubmitAsync(WebKitaClient admin, Guid offering, string name, ApplicationStatus expected)
    {
        var answer = await admin.SubmitAsync(offering, new ChildRequest(name, "Muster", new DateOnly(2019, 5, 4), 1), "retention-" + name);
        answer.Application.Should().NotBeNull(answer.ToString());
        answer.Application!.Status.Should().Be(expected);
        return answer.Application.Id;
    }

    private static Task<int> FireAsync(WebApplicationFactory<Program> api) => api.Services.GetRequiredService<ReminderService>().FireDueAsync(default);

    private static async Task<IReadOnlyList<AuditEntry>> RunsAsync(WebApplicationFactory<Program> api) =>
        [.. (await api.Services.GetRequiredService<IGrainStore>().ReadAuditAsync(WebKitaClient.DefaultTenant, null, 1000, default)).Where(a => a.Action == "RunRetention")];

    private static RetentionCounts Counts(AuditEntry run) => GrainJson.Deserialize<RetentionCounts>(run.Details);

    private static async Task<T> ReadAsync<T>(WebApplicationFactory<Program> api, Guid id, string kind = GrainKinds.Application) =>
        GrainJson.Deserialize<T>((await api.Services.GetRequiredService<IGrainStore>().ReadAsync(new(WebKitaClient.DefaultTenant, kind, id), default))!.State);

    /// <summary>A moment in Europe/Berlin, where the county lives.</summary>
    private static DateTimeOffset At(int year, int month, int day, int hour = 0)
    {
        var local = new DateTime(year, month, day, hour, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Berlin.GetUtcOffset(local)).ToUniversalTime();
    }
}
