using System.Net;
using System.Text;
using WebKita.Api.Applications;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;

namespace WebKita.Api.Tests.Applications;

public sealed class ApplicationEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _client = fixture.Admin;
    private readonly string _run = Children.NewRun();

    [Fact]
    public async Task Submit_OpenOfferingWithPlaces_Returns201AllocatedAndGetShowsIt()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 3);
        var child = new ChildRequest("Mia", "Schulz", new DateOnly(2018, 4, 1), 2);

        using var response = await _client.PostSubmissionAsync(offering.Id, child, Key(1));

        var application = await WebKitaClient.ReadAsync<ApplicationResponse>(response, HttpStatusCode.Created);
        application.Should().BeEquivalentTo(new
        {
            OfferingId = offering.Id,
            Status = ApplicationStatus.Accepted,
            WaitlistPosition = (int?)null,
            Arrival = 1L,
            ChildFirstName = "Mia",
            ChildLastName = "Schulz",
            Grade = 2,
        });
        response.Headers.Location.Should().Be(new Uri($"{_client.Tenant}/applications/{application.Id}", UriKind.Relative));
        (await _client.GetApplicationAsync(application.Id)).Should().Be(application);
        (await _client.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = 1, FreePlaces = 2, Waitlisted = 0 });
    }

    [Fact]
    public async Task Submit_UnknownOffering_Returns404WithCode()
    {
        var answer = await _client.SubmitAsync(Guid.NewGuid(), Children.Numbered(1), Key(1));

        answer.Status.Should().Be(HttpStatusCode.NotFound, answer.Body);
        Problem.Parse(answer.Body).Code.Should().Be("offering.not_found");
    }

    [Fact]
    public async Task Submit_RegistrationNotYetOpen_Returns409RegistrationNotOpen()
    {
        var school = await _client.CreateSchoolAsync();
        var now = TimeProvider.System.GetUtcNow();
        var offering = await _client.CreateOfferingAsync(WebKitaClient.OpenTerms(school.Id, 5) with { OpensAt = now.AddDays(1), ClosesAt = now.AddDays(2) });

        using var response = await _client.PostSubmissionAsync(offering.Id, Children.Numbered(1), Key(1));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.Conflict);
        problem.Code.Should().Be("registration.not_open");
        (await _client.ListApplicationsAsync(offering.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_GradeOutsideOffering_Returns400WithChildGradeError()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);

        using var response = await _client.PostSubmissionAsync(offering.Id, Children.Numbered(1) with { Grade = 5 }, Key(1));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("application.grade_not_offered");
        problem.Errors.Should().ContainSingle().Which.Should().BeEquivalentTo(KeyValuePair.Create("child.grade", new[] { "must be between 1 and 4" }));
        (await _client.GetOfferingAsync(offering.Id)).Allocated.Should().Be(0);
    }

    [Fact]
    public async Task Submit_InvalidChild_Returns400WithErrorPerField()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);

        using var response = await _client.PostSubmissionAsync(offering.Id, new ChildRequest("", null, new DateOnly(1990, 1, 1), 14), Key(1));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Keys.Should().BeEquivalentTo("child.firstName", "child.lastName", "child.birthDate", "child.grade");
        problem.Errors["child.grade"].Should().Equal("is required, 1 to 13");
    }

    [Fact]
    public async Task Submit_MissingIdempotencyKey_Returns400WithHeaderError()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);

        using var response = await _client.PostSubmissionAsync(offering.Id, Children.Numbered(1), idempotencyKey: null);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Keys.Should().Equal("Idempotency-Key");
        (await _client.ListApplicationsAsync(offering.Id)).Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_MalformedJson_Returns400ProblemWithCode()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{_client.Tenant}/offerings/{offering.Id}/applications")
        {
            Content = new StringContent("{\"child\": {\"firstName\": \"Mia\", \"birthDate\": \"01.04.2018\"}}", Encoding.UTF8, "application/json"),
            Headers = { { "Idempotency-Key", Key(1) } },
        };

        using var response = await _client.Http.SendAsync(request);

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("request.malformed");
    }

    [Fact]
    public async Task Submit_KeyReusedForDifferentChild_Returns422AndCreatesNothing()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        var first = await _client.SubmitAsync(offering.Id, Children.Numbered(1), Key(1));

        var reused = await _client.SubmitAsync(offering.Id, Children.Numbered(2), Key(1));

        first.Status.Should().Be(HttpStatusCode.Created, first.Body);
        reused.Status.Should().Be(HttpStatusCode.UnprocessableEntity, reused.Body);
        Problem.Parse(reused.Body).Code.Should().Be("idempotency_key.reused");
        (await _client.ListApplicationsAsync(offering.Id)).Select(a => a.Id).Should().Equal(first.Application!.Id);
    }

    [Fact]
    public async Task Submit_OneKeyForManyChildrenAtOnce_CreatesOneAndRefusesOthersWith422()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 50);
        await _client.SubmitAsync(offering.Id, Children.Numbered(0), Key(0));

        var answers = await new Rush().RunAsync(100, 100, (i, ct) => _client.SubmitAsync(offering.Id, Children.Numbered(i + 1), Key(1), ct));

        answers.Select(a => a.Status).Should().ContainSingle(s => s == HttpStatusCode.Created)
            .And.HaveCount(100).And.OnlyContain(s => s == HttpStatusCode.Created || s == HttpStatusCode.UnprocessableEntity);
        (await _client.ListApplicationsAsync(offering.Id)).Should().HaveCount(2);
    }

    [Fact]
    public async Task Submit_SameKeyRepeated_Returns200WithSameApplication()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        var first = await _client.SubmitAsync(offering.Id, Children.Numbered(1), Key(1));

        var repeat = await _client.SubmitAsync(offering.Id, Children.Numbered(1), Key(1));

        first.Status.Should().Be(HttpStatusCode.Created, first.Body);
        repeat.Status.Should().Be(HttpStatusCode.OK, repeat.Body);
        repeat.Application.Should().Be(first.Application);
    }

    [Fact]
    public async Task Submit_SameChildWithDifferentKeyFromAnotherDevice_Returns200WithSameApplication()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        var child = new ChildRequest("Anna Lena", "Meyer", new DateOnly(2018, 2, 3), 1);
        var first = await _client.SubmitAsync(offering.Id, child, Key(1));

        var typedDifferently = await _client.SubmitAsync(offering.Id, child with { FirstName = "  anna   LENA ", LastName = "MEYER" }, Key(2));

        first.Status.Should().Be(HttpStatusCode.Created, first.Body);
        typedDifferently.Status.Should().Be(HttpStatusCode.OK, typedDifferently.Body);
        typedDifferently.Application!.Id.Should().Be(first.Application!.Id);
        typedDifferently.Application.ChildFirstName.Should().Be("Anna Lena");
        (await _client.ListApplicationsAsync(offering.Id)).Should().ContainSingle();
    }

    [Fact]
    public async Task Withdraw_AllocatedApplication_OffersThePlaceToTheWaitlistHeadAndShiftsOthers()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 2);
        var answers = new List<Answer>();
        for (var i = 1; i <= 5; i++)
        {
            answers.Add(await _client.SubmitAsync(offering.Id, Children.Numbered(i), Key(i)));
        }

        answers.Select(a => (a.Status, a.Application!.Status, a.Application.WaitlistPosition)).Should().Equal(
            (HttpStatusCode.Created, ApplicationStatus.Accepted, (int?)null),
            (HttpStatusCode.Created, ApplicationStatus.Accepted, (int?)null),
            (HttpStatusCode.Created, ApplicationStatus.Waitlisted, 1),
            (HttpStatusCode.Created, ApplicationStatus.Waitlisted, 2),
            (HttpStatusCode.Created, ApplicationStatus.Waitlisted, 3));

        using var response = await _client.Http.PostAsync($"{_client.Tenant}/applications/{answers[0].Application!.Id}/withdraw", null);

        (await WebKitaClient.ReadAsync<ApplicationResponse>(response, HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Withdrawn);
        var after = await Task.WhenAll(answers.Select(a => _client.GetApplicationAsync(a.Application!.Id)));
        after.Select(a => (a.Status, a.WaitlistPosition)).Should().Equal(
            (ApplicationStatus.Withdrawn, (int?)null),
            (ApplicationStatus.Accepted, (int?)null),
            (ApplicationStatus.Offered, (int?)null),
            (ApplicationStatus.Waitlisted, 1),
            (ApplicationStatus.Waitlisted, 2));
        after[2].OfferExpiresAt.Should().NotBeNull();
        (await _client.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = 2, FreePlaces = 0, Waitlisted = 2, OpenOffers = 1 });
    }

    [Fact]
    public async Task Withdraw_UnknownApplication_Returns404WithCode()
    {
        using var response = await _client.Http.PostAsync($"{_client.Tenant}/applications/{Guid.NewGuid()}/withdraw", null);

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
    }

    [Fact]
    public async Task GetApplication_UnknownId_Returns404WithCode()
    {
        using var response = await _client.Http.GetAsync($"{_client.Tenant}/applications/{Guid.NewGuid()}");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
    }

    [Fact]
    public async Task ListApplications_UnknownOffering_Returns404Problem()
    {
        using var response = await _client.Http.GetAsync($"{_client.Tenant}/offerings/{Guid.NewGuid()}/applications");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Title.Should().Be("There is no such offering.");
    }

    private string Key(int index) => Children.Key(_run, index);
}
