using System.Net;
using System.Net.Sockets;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using WebKita.Testing;
using Xunit.Abstractions;

namespace WebKita.Api.Tests.Guarantees;

/// <summary>The api process dies (SIGKILL) in the middle of a rush and is started again on the same database.</summary>
[Collection(AloneCollection.Name)]
public sealed class ApiCrashTests(ITestOutputHelper output)
{
    private const int Families = 1_500;
    private const int Capacity = 600;
    private const int KillAfterAnswers = 750;
    private const int InFlight = 64;
    private const int SigKillExitCode = 128 + 9;
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Submit_ApiKilledMidRushAndRestarted_AnsweredApplicationsSurviveAndRetriesGiveOnePerChild()
    {
        var database = await (await PostgresServer.Shared).CreateDatabaseAsync();
        var run = Children.NewRun();
        Guid offeringId;
        string token;
        Answer?[] first;
        await using (var api = await TestApiProcess.StartAsync(database))
        {
            using var anonymous = api.CreateClient();
            using var admin = api.CreateClient(await anonymous.SignInAsync(Credentials.Admin));
            var (opened, staff) = await admin.CreateStaffedOfferingAsync(Capacity);
            offeringId = opened.Id;
            token = await anonymous.SignInAsync(staff);
            using var client = api.CreateClient(token);
            var answered = 0;
            first = await new Rush().RunAsync<Answer?>(Families, InFlight, async (i, ct) =>
            {
                try
                {
                    var answer = await client.SubmitAsync(offeringId, Children.Numbered(i), Children.Key(run, i), ct);
                    if (Interlocked.Increment(ref answered) == KillAfterAnswers)
                    {
                        api.Kill();
                    }

                    return answer;
                }
                catch (Exception e) when (e is HttpRequestException or IOException or SocketException)
                {
                    // No answer: the process died before or while serving it. A connect that races
                    // the kill can surface as a bare SocketException (ENOTCONN), not wrapped.
                    return null;
                }
            });
            (await api.WaitForExitAsync(ExitTimeout)).Should().Be(SigKillExitCode);
        }

        var answers = first.Select((answer, index) => (Answer: answer, Index: index)).Where(a => a.Answer is not null).ToList();
        output.WriteLine($"{answers.Count} of {Families} submissions answered before the kill");
        answers.Should().OnlyContain(a => a.Answer!.Status == HttpStatusCode.Created);
        answers.Should().HaveCountGreaterThanOrEqualTo(KillAfterAnswers).And.HaveCountLessThan(Families, "the kill must interrupt the rush");

        await using var restarted = await TestApiProcess.StartAsync(database);
        using var after = restarted.CreateClient(token); // signed in before the crash: the token outlives the process
        var stored = await after.ListApplicationsAsync(offeringId);
        var offering = await after.GetOfferingAsync(offeringId);
        output.WriteLine($"{stored.Length} applications stored after the restart");

        stored.Select(a => a.Id).Should().OnlyHaveUniqueItems();
        answers.Select(a => (a.Answer!.Application!.Id, a.Answer.Application.Status, a.Answer.Application.Arrival))
            .Should().BeSubsetOf(stored.Select(a => (a.Id, a.Status, a.Arrival)), "every answered application is durable, as answered");
        stored.Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, stored.Length).Select(i => (long)i), "every committed arrival is there, and nothing else");
        var allocated = stored.Count(a => a.Status == ApplicationStatus.Accepted);
        var waitlisted = stored.Count(a => a.Status == ApplicationStatus.Waitlisted);
        var withdrawn = stored.Count(a => a.Status == ApplicationStatus.Withdrawn);
        allocated.Should().Be(offering.Allocated).And.Be(Math.Min(Capacity, stored.Length));
        waitlisted.Should().Be(offering.Waitlisted);
        (offering.Allocated + offering.Waitlisted + withdrawn).Should().Be(stored.Length, "no application row without its offering's count");
        stored.Where(a => a.Status == ApplicationStatus.Waitlisted).Select(a => a.WaitlistPosition).Should().Equal(Enumerable.Range(1, waitlisted).Select(i => (int?)i));

        // Every family retries with its key: the committed ones find their application, the rest get one now.
        var retries = await new Rush().RunAsync(Families, InFlight, (i, ct) => after.SubmitAsync(offeringId, Children.Numbered(i), Children.Key(run, i), ct));

        retries.Where(a => !a.IsSuccess).Should().BeEmpty();
        retries.Count(a => a.Status == HttpStatusCode.OK).Should().Be(stored.Length);
        retries.Count(a => a.Status == HttpStatusCode.Created).Should().Be(Families - stored.Length);
        answers.Select(a => retries[a.Index].Application!.Id).Should().Equal(answers.Select(a => a.Answer!.Application!.Id));
        var final = await after.ListApplicationsAsync(offeringId);
        final.Select(a => a.Id).Order().Should().Equal(retries.Select(a => a.Application!.Id).Order());
        final.Select(a => a.ChildFirstName).Should().OnlyHaveUniqueItems().And.HaveCount(Families);
        final.Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, Families).Select(i => (long)i));
        final.Count(a => a.Status == ApplicationStatus.Accepted).Should().Be(Capacity);
        (await after.GetOfferingAsync(offeringId)).Should().BeEquivalentTo(new { Allocated = Capacity, FreePlaces = 0, Waitlisted = Families - Capacity });
    }
}
