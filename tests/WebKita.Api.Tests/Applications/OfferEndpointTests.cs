using System.Net;
using System.Net.Http.Json;
using System.Text;
using WebKita.Api.Applications;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;

namespace WebKita.Api.Tests.Applications;

/// <summary>
/// First come, first served after the rush, over HTTP: a freed place is offered to the next in
/// arrival order; the family accepts or declines its own offer; staff of the school confirm or
/// reject with a reason; everyone else is answered 404.
/// </summary>
public sealed class OfferEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private readonly WebKitaClient _admin = fixture.Admin;
    private readonly string _run = Children.NewRun();

    [Fact]
    public async Task Accept_FamilysOwnOffer_AcceptedThenStaffOfTheSchoolConfirms()
    {
        var (offering, staffCredentials) = await _admin.CreateStaffedOfferingAsync(capacity: 1);
        var first = await PaperAsync(offering.Id, 1);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Angebot");
        var waiting = await family.ApplyAsync(offering.Id);
        waiting.Should().Match<ApplicationResponse>(a => a.Status == ApplicationStatus.Waitlisted && a.WaitlistPosition == 1 && a.OfferExpiresAt == null);
        var before = TimeProvider.System.GetUtcNow();

        await PostAsync(_admin, first.Id, "withdraw", HttpStatusCode.OK);

        var offered = await family.Client.GetApplicationAsync(waiting.Id);
        offered.Status.Should().Be(ApplicationStatus.Offered);
        offered.WaitlistPosition.Should().BeNull();
        offered.OfferExpiresAt.Should().BeOnOrAfter(before.AddDays(7)).And.BeOnOrBefore(TimeProvider.System.GetUtcNow().AddDays(7));
        (await PostAsync(family.Client, waiting.Id, "accept", HttpStatusCode.OK)).Should().Match<ApplicationResponse>(a => a.Status == ApplicationStatus.Accepted && a.OfferExpiresAt == null);
        (await PostAsync(family.Client, waiting.Id, "accept", HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Accepted, "a repeat changes nothing");
        using var staff = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(staffCredentials));
        (await PostAsync(staff, waiting.Id, "confirm", HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Confirmed);
        (await family.Client.GetApplicationAsync(waiting.Id)).Status.Should().Be(ApplicationStatus.Confirmed);
        (await _admin.GetOfferingAsync(offering.Id)).Should().BeEquivalentTo(new { Allocated = 1, FreePlaces = 0, Waitlisted = 0, OpenOffers = 0, OfferDays = 7 });
    }

    [Fact]
    public async Task Decline_ByFamily_ThePlaceGoesToTheNextInArrivalOrder()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        var first = await PaperAsync(offering.Id, 1);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Absage");
        var declining = await family.ApplyAsync(offering.Id);
        var next = await PaperAsync(offering.Id, 3);
        await PostAsync(_admin, first.Id, "withdraw", HttpStatusCode.OK);

        (await PostAsync(family.Client, declining.Id, "decline", HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Declined);

        (await _admin.GetApplicationAsync(next.Id)).Status.Should().Be(ApplicationStatus.Offered);
        (await PostAsync(family.Client, declining.Id, "decline", HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Declined, "a repeat changes nothing");
        using var late = await Post(family.Client, declining.Id, "accept");
        (await Problem.ReadAsync(late, HttpStatusCode.Conflict)).Code.Should().Be("application.not_offered");
        (await _admin.ListApplicationsAsync(offering.Id)).Select(a => a.Status).Should().Equal(
            ApplicationStatus.Withdrawn, ApplicationStatus.Declined, ApplicationStatus.Offered);
    }

    [Fact]
    public async Task Reject_ByStaffWithReason_ShownWithTheApplicationAndThePlaceOffered()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        var held = await PaperAsync(offering.Id, 1);
        var next = await PaperAsync(offering.Id, 2);

        using var response = await _admin.Http.PostAsJsonAsync($"{_admin.Tenant}/applications/{held.Id}/reject", new RejectionRequest(" Kind wohnt nicht im Kreis "), ApiJson.Options);

        var rejected = await WebKitaClient.ReadAsync<ApplicationResponse>(response, HttpStatusCode.OK);
        rejected.Should().Match<ApplicationResponse>(a => a.Status == ApplicationStatus.Rejected && a.Reason == "Kind wohnt nicht im Kreis");
        (await _admin.GetApplicationAsync(held.Id)).Reason.Should().Be("Kind wohnt nicht im Kreis");
        (await _admin.GetApplicationAsync(next.Id)).Status.Should().Be(ApplicationStatus.Offered);
        using var offeredOnly = await _admin.Http.GetAsync($"{_admin.Tenant}/offerings/{offering.Id}/applications?status=Offered");
        (await WebKitaClient.ReadAsync<ApplicationResponse[]>(offeredOnly, HttpStatusCode.OK)).Select(a => a.Id).Should().Equal(next.Id);
    }

    [Theory]
    [InlineData("{\"reason\":\"  \"}")]
    [InlineData("{}")]
    public async Task Reject_WithoutReason_Returns400WithReasonError(string body)
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        var held = await PaperAsync(offering.Id, 1);

        using var response = await _admin.Http.PostAsync($"{_admin.Tenant}/applications/{held.Id}/reject", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("reason.required");
        problem.Errors.Keys.Should().Equal("reason");
        (await _admin.GetApplicationAsync(held.Id)).Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public async Task Reject_MalformedJson_Returns400ProblemWithCode()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        var held = await PaperAsync(offering.Id, 1);

        using var response = await _admin.Http.PostAsync($"{_admin.Tenant}/applications/{held.Id}/reject", new StringContent("{\"reason\": ", Encoding.UTF8, "application/json"));

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("request.malformed");
    }

    [Fact]
    public async Task ListApplications_UnknownStatus_Returns400ProblemWithCode()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);

        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/offerings/{offering.Id}/applications?status=Vielleicht");

        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Code.Should().Be("request.malformed");
    }

    [Fact]
    public async Task Confirm_NotAccepted_Returns409WithCode()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        await PaperAsync(offering.Id, 1);
        var waiting = await PaperAsync(offering.Id, 2);

        using var response = await Post(_admin, waiting.Id, "confirm");

        (await Problem.ReadAsync(response, HttpStatusCode.Conflict)).Code.Should().Be("application.not_accepted");
    }

    [Theory]
    [InlineData("confirm")]
    [InlineData("reject")]
    [InlineData("accept")]
    [InlineData("decline")]
    public async Task Decide_StaffOfAnotherSchool_Returns404AndChangesNothing(string action)
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        var held = await PaperAsync(offering.Id, 1);
        var (_, otherStaff) = await _admin.CreateStaffedOfferingAsync(capacity: 1);
        using var staff = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(otherStaff));

        using var response = await staff.Http.PostAsJsonAsync($"{staff.Tenant}/applications/{held.Id}/{action}", new RejectionRequest("Fremde Schule"), ApiJson.Options);

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
        (await _admin.GetApplicationAsync(held.Id)).Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public async Task Accept_AnotherFamilysOffer_Returns404()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 1);
        var first = await PaperAsync(offering.Id, 1);
        using var owner = await SignedInFamily.RegisterAsync(fixture.Factory, "Eigen");
        using var stranger = await SignedInFamily.RegisterAsync(fixture.Factory, "Fremd");
        var offered = await owner.ApplyAsync(offering.Id);
        await PostAsync(_admin, first.Id, "withdraw", HttpStatusCode.OK);

        using var response = await Post(stranger.Client, offered.Id, "accept");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
        (await owner.Client.GetApplicationAsync(offered.Id)).Status.Should().Be(ApplicationStatus.Offered);
    }

    [Fact]
    public async Task Answer_ByStaff_OnlyForPaperApplications_TheFamilyAnswersItsOwnOffer()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 2);
        var first = await PaperAsync(offering.Id, 1);
        var second = await PaperAsync(offering.Id, 2);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Selbst");
        var online = await family.ApplyAsync(offering.Id);
        var paper = await PaperAsync(offering.Id, 4);
        await PostAsync(_admin, first.Id, "withdraw", HttpStatusCode.OK);
        await PostAsync(_admin, second.Id, "withdraw", HttpStatusCode.OK);

        using var refused = await Post(_admin, online.Id, "decline");

        (await Problem.ReadAsync(refused, HttpStatusCode.Conflict)).Code.Should().Be("offer.answered_by_family");
        (await family.Client.GetApplicationAsync(online.Id)).Status.Should().Be(ApplicationStatus.Offered);
        (await PostAsync(_admin, paper.Id, "accept", HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Accepted, "a paper application has no account to answer from");
    }

    [Fact]
    public async Task CreateOffering_OfferDaysOutOfRange_Returns400WithField()
    {
        var school = await _admin.CreateSchoolAsync();

        using var response = await _admin.Http.PostAsJsonAsync($"{_admin.Tenant}/offerings", WebKitaClient.OpenTerms(school.Id, 5) with { OfferDays = 0 }, ApiJson.Options);

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Code.Should().Be("offering.invalid");
        problem.Errors.Keys.Should().Equal("offerDays");
    }

    private async Task<ApplicationResponse> PaperAsync(Guid offeringId, int child)
    {
        var answer = await _admin.SubmitAsync(offeringId, Children.Numbered(child), Children.Key(_run, child));
        answer.Status.Should().Be(HttpStatusCode.Created, answer.Body);
        return answer.Application!;
    }

    private static Task<HttpResponseMessage> Post(WebKitaClient client, Guid id, string action) =>
        client.Http.PostAsync($"{client.Tenant}/applications/{id}/{action}", null);

    private static async Task<ApplicationResponse> PostAsync(WebKitaClient client, Guid id, string action, HttpStatusCode expected)
    {
        using var response = await Post(client, id, action);
        return await WebKitaClient.ReadAsync<ApplicationResponse>(response, expected);
    }
}
