using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Npgsql;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using WebKita.Testing;
using Xunit.Abstractions;

namespace WebKita.Api.Tests.Guarantees;

/// <summary>PostgreSQL goes down and comes back while families keep submitting.</summary>
[Collection(AloneCollection.Name)]
public sealed class StoreOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Capacity = 300;
    private const int InFlight = 16;
    private const int MaxFamilies = 30_000;
    private const int SuccessesBeforeStop = 150;
    private const int AnswersWhileDown = 100;
    private const int SuccessesAfterRestart = 150;
    private const int RetryAttempts = 10;
    private static readonly TimeSpan MilestoneTimeout = TimeSpan.FromSeconds(60);

    private PostgresServer? _server;
    private WebKitaApiFactory? _factory;

    private enum Phase
    {
        Up,
        Stopping,
        Down,
        Starting,
        Recovered,
    }

    public async Task InitializeAsync()
    {
        _server = await PostgresServer.StartAsync();
        _factory = new WebKitaApiFactory(await _server.CreateDatabaseAsync());
    }

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    [Fact]
    public async Task Submit_PostgresStoppedAndStartedUnderLoad_503WhileDownThenOneApplicationPerChild()
    {
        var server = _server!;
        using var admin = await _factory!.CreateAdminClientAsync();
        var (offering, staff) = await admin.CreateStaffedOfferingAsync(Capacity);
        using var client = _factory.CreateApiClient(await _factory.SignInAsync(staff));
        var run = Children.NewRun();
        var phase = (int)Phase.Up;
        var sent = new ConcurrentDictionary<int, (Phase SentIn, Phase AnsweredIn, Answer Answer)>();
        var upSuccesses = new Milestone(SuccessesBeforeStop);
        var downAnswers = new Milestone(AnswersWhileDown);
        var recoveredSuccesses = new Milestone(SuccessesAfterRestart);
        var next = -1;
        using var stopLoad = new CancellationTokenSource();

        async Task SubmitUntilStoppedAsync()
        {
            while (!stopLoad.IsCancellationRequested && Interlocked.Increment(ref next) is var i && i < MaxFamilies)
            {
                var sentIn = (Phase)Volatile.Read(ref phase);
                var answer = await client.SubmitAsync(offering.Id, Children.Numbered(i), Children.Key(run, i));
                var answeredIn = (Phase)Volatile.Read(ref phase);
                sent[i] = (sentIn, answeredIn, answer);
                switch (sentIn, answeredIn, answer.IsSuccess)
                {
                    case (Phase.Up, _, true):
                        upSuccesses.Add();
                        break;
                    case (Phase.Down, Phase.Down, _):
                        downAnswers.Add();
                        break;
                    case (Phase.Recovered, _, true):
                        recoveredSuccesses.Add();
                        break;
                }
            }
        }

        var load = Task.WhenAll(Enumerable.Range(0, InFlight).Select(_ => Task.Run(SubmitUntilStoppedAsync)));
        HttpStatusCode readyWhileDown;
        var clock = Stopwatch.StartNew();
        try
        {
            await ReachAsync(upSuccesses, load, "successes before the stop");
            Volatile.Write(ref phase, (int)Phase.Stopping);
            await server.StopAsync();
            NpgsqlConnection.ClearAllPools();
            Volatile.Write(ref phase, (int)Phase.Down);
            output.WriteLine($"stopped after {clock.Elapsed.TotalSeconds:F2} s");

            await ReachAsync(downAnswers, load, "answers while PostgreSQL is down");
            using (var ready = await client.Http.GetAsync("/health/ready"))
            {
                readyWhileDown = ready.StatusCode;
            }

            Volatile.Write(ref phase, (int)Phase.Starting);
            await server.StartAgainAsync();
            NpgsqlConnection.ClearAllPools();
            Volatile.Write(ref phase, (int)Phase.Recovered);
            output.WriteLine($"started again after {clock.Elapsed.TotalSeconds:F2} s");

            await ReachAsync(recoveredSuccesses, load, "successes after the restart");
        }
        finally
        {
            await stopLoad.CancelAsync();
            await load;
        }

        var answers = sent.OrderBy(s => s.Key).ToList();
        foreach (var group in answers.GroupBy(a => (a.Value.SentIn, a.Value.Answer.Status)))
        {
            output.WriteLine($"sent while {group.Key.SentIn}: {group.Count()} x {(int)group.Key.Status}");
        }

        readyWhileDown.Should().Be(HttpStatusCode.ServiceUnavailable);
        answers.Select(a => a.Value.Answer).Where(a => a.Status is not (HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable))
            .Should().BeEmpty("a first submission is created or, while the store is away, refused as temporarily unavailable; never a 500");
        answers.Where(a => a.Value is { SentIn: Phase.Down, AnsweredIn: Phase.Down }).Should().OnlyContain(a => a.Value.Answer.Status == HttpStatusCode.ServiceUnavailable);
        foreach (var (_, (_, _, answer)) in answers.Where(a => a.Value.Answer.Status == HttpStatusCode.ServiceUnavailable))
        {
            answer.RetryAfter.Should().NotBeNullOrEmpty(answer.Body);
            answer.ContentType.Should().Be(Problem.MediaType);
            Problem.Parse(answer.Body).Status.Should().Be(503);
        }

        using (var ready = await client.Http.GetAsync("/health/ready"))
        {
            ready.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        // The families who got no place in line retry with their key until answered.
        var unanswered = answers.Where(a => !a.Value.Answer.IsSuccess).Select(a => a.Key).ToArray();
        var retries = await new Rush().RunAsync(unanswered.Length, InFlight, async (r, ct) =>
        {
            var i = unanswered[r];
            var attempts = new List<Answer>();
            do
            {
                attempts.Add(await client.SubmitAsync(offering.Id, Children.Numbered(i), Children.Key(run, i), ct));
            }
            while (!attempts[^1].IsSuccess && attempts.Count < RetryAttempts);

            return attempts;
        });
        output.WriteLine($"{answers.Count} families, {unanswered.Length} retried, {retries.Count(r => r[^1].Status == HttpStatusCode.OK)} of them had been committed unanswered");

        retries.SelectMany(r => r).Where(a => a.Status is not (HttpStatusCode.OK or HttpStatusCode.Created or HttpStatusCode.ServiceUnavailable)).Should().BeEmpty();
        retries.Where(r => !r[^1].IsSuccess).Should().BeEmpty("every retry succeeds within {0} attempts once the store is back", RetryAttempts);
        var ids = answers.Where(a => a.Value.Answer.IsSuccess).Select(a => a.Value.Answer.Application!.Id)
            .Concat(retries.Select(r => r[^1].Application!.Id)).ToList();
        var stored = await client.ListApplicationsAsync(offering.Id);
        stored.Select(a => a.Id).Order().Should().Equal(ids.Order());
        stored.Select(a => a.ChildFirstName).Should().OnlyHaveUniqueItems().And.HaveCount(answers.Count, "each child has exactly one application");
        stored.Select(a => a.Arrival).Should().Equal(Enumerable.Range(1, answers.Count).Select(n => (long)n));
        stored.Count(a => a.Status == ApplicationStatus.Accepted).Should().Be(Capacity);
        (await client.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = Capacity, FreePlaces = 0, Waitlisted = answers.Count - Capacity });
    }

    /// <summary>Waits for a milestone of the load; fails at once if the load ended (or broke) first.</summary>
    private static async Task ReachAsync(Milestone milestone, Task load, string what)
    {
        var first = await Task.WhenAny(milestone.Reached, load).WaitAsync(MilestoneTimeout);
        if (first == load)
        {
            await load;
            throw new InvalidOperationException($"The load ended after {MaxFamilies} families before reaching {what} ({milestone.Count} so far).");
        }
    }
}
