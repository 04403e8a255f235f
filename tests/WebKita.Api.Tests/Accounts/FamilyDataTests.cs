using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Applications;
using WebKita.Api.Rounds;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;

namespace WebKita.Api.Tests.Accounts;

public sealed class FamilyDataTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task Submit_FamilyNamesChildOnAccount_Returns201WithTheAccountsChildAndListsItUnderMe()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Kaya");

        var application = await family.ApplyAsync(offering.Id, grade: 3);

        application.Should().BeEquivalentTo(new { OfferingId = offering.Id, Status = ApplicationStatus.Accepted, ChildFirstName = "Mia", ChildLastName = "Kaya", Grade = 3 });
        (await family.Client.GetApplicationAsync(application.Id)).Should().Be(application);
        using var mine = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/applications");
        var listed = await WebKitaClient.ReadAsync<FamilyApplicationsResponse>(mine, HttpStatusCode.OK);
        listed.Applications.Should().Equal(application);
        listed.RoundApplications.Should().BeEmpty();
    }

    [Fact]
    public async Task Submit_FamilyNamesChildNotOnAccount_Returns400ChildIdError()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Fremd");

        using var response = await family.Client.PostFamilySubmissionAsync(offering.Id, Guid.NewGuid(), 2, Children.NewRun());

        var problem = await Problem.ReadAsync(response, HttpStatusCode.BadRequest);
        problem.Errors.Keys.Should().Equal("childId");
    }

    [Fact]
    public async Task SetFamily_ChildIdOfAnotherFamilyOrNone_ServerAssignsFreshIdsAndKeepsOwnChildrensIds()
    {
        using var first = await SignedInFamily.RegisterAsync(fixture.Factory, "Erste");
        using var second = await SignedInFamily.RegisterAsync(fixture.Factory, "Zweite");
        var guardians = second.Account.Guardians;

        var account = await second.Client.SetFamilyAsync(guardians, [second.Child, second.Child with { Id = first.Child.Id, FirstName = "Kuckuck" }, second.Child with { Id = Guid.Empty, FirstName = "Ohne" }]);

        account.Children.Select(c => c.FirstName).Should().Equal("Mia", "Kuckuck", "Ohne");
        account.Children[0].Id.Should().Be(second.Child.Id, "a child already on the account keeps its id");
        account.Children.Select(c => c.Id).Should().OnlyHaveUniqueItems().And.NotContain([first.Child.Id, Guid.Empty]);
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var response = await second.Client.PostFamilySubmissionAsync(offering.Id, first.Child.Id, 2, Children.NewRun());
        (await Problem.ReadAsync(response, HttpStatusCode.BadRequest)).Errors.Keys.Should().Equal("childId");
    }

    [Fact]
    public async Task GetAndWithdraw_OtherFamilysApplication_Return404AndLeaveItAllocated()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var familyA = await SignedInFamily.RegisterAsync(fixture.Factory, "Alt");
        using var familyB = await SignedInFamily.RegisterAsync(fixture.Factory, "Berg");
        var application = await familyA.ApplyAsync(offering.Id);

        using var get = await familyB.Client.Http.GetAsync($"{familyB.Client.Tenant}/applications/{application.Id}");
        using var withdraw = await familyB.Client.Http.PostAsync($"{familyB.Client.Tenant}/applications/{application.Id}/withdraw", null);

        (await Problem.ReadAsync(get, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
        (await Problem.ReadAsync(withdraw, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
        (await familyA.Client.GetApplicationAsync(application.Id)).Status.Should().Be(ApplicationStatus.Accepted);
    }

    [Fact]
    public async Task ListAndGet_StaffOfOtherSchool_Return404()
    {
        var (offeringX, staffX) = await fixture.Admin.CreateStaffedOfferingAsync(capacity: 5);
        var (_, staffY) = await fixture.Admin.CreateStaffedOfferingAsync(capacity: 5);
        using var atX = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(staffX));
        using var atY = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(staffY));
        var paper = await atX.SubmitAsync(offeringX.Id, Children.Numbered(1), Children.NewRun());

        using var list = await atY.Http.GetAsync($"{atY.Tenant}/offerings/{offeringX.Id}/applications");
        using var get = await atY.Http.GetAsync($"{atY.Tenant}/applications/{paper.Application!.Id}");
        var submitted = await atY.SubmitAsync(offeringX.Id, Children.Numbered(2), Children.NewRun());

        paper.Status.Should().Be(HttpStatusCode.Created, paper.Body);
        (await Problem.ReadAsync(list, HttpStatusCode.NotFound)).Title.Should().Be("There is no such offering.");
        (await Problem.ReadAsync(get, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
        submitted.Status.Should().Be(HttpStatusCode.NotFound, submitted.Body);
        Problem.Parse(submitted.Body).Code.Should().Be("offering.not_found");
        (await atX.ListApplicationsAsync(offeringX.Id)).Select(a => a.Id).Should().Equal(paper.Application.Id);
    }

    [Fact]
    public async Task Export_FamilyWithApplication_ContainsAccountChildAndApplication()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Export");
        var application = await family.ApplyAsync(offering.Id);

        using var response = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me/export");

        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.Should().Be(HttpStatusCode.OK, body);
        response.Content.Headers.ContentDisposition.Should().BeEquivalentTo(new { DispositionType = "attachment", FileName = "webkita-daten.json" });
        using var export = JsonDocument.Parse(body);
        var account = export.RootElement.GetProperty("account");
        account.GetProperty("email").GetString().Should().Be(family.Credentials.Email);
        account.GetProperty("guardians").EnumerateArray().Select(g => g.GetProperty("phone").GetString()).Should().Equal("0711 4711");
        account.GetProperty("children").EnumerateArray().Select(c => (c.GetProperty("id").GetGuid(), c.GetProperty("firstName").GetString(), c.GetProperty("birthDate").GetString()))
            .Should().Equal((family.Child.Id, "Mia", "2018-04-01"));
        export.RootElement.GetProperty("applications").EnumerateArray()
            .Select(a => (a.GetProperty("application").GetProperty("id").GetGuid(), a.GetProperty("application").GetProperty("childFirstName").GetString(), a.GetProperty("birthDate").GetString()))
            .Should().Equal((application.Id, "Mia", "2018-04-01"));
    }

    [Fact]
    public async Task Delete_WhileHoldingPlaceThenAfterWithdrawal_Refused409ThenErasesAccountAndChild()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Weg");
        var application = await family.ApplyAsync(offering.Id);

        using var refused = await family.Client.Http.DeleteAsync($"{family.Client.Tenant}/me");
        using (var withdraw = await family.Client.Http.PostAsync($"{family.Client.Tenant}/applications/{application.Id}/withdraw", null))
        {
            (await WebKitaClient.ReadAsync<ApplicationResponse>(withdraw, HttpStatusCode.OK)).Status.Should().Be(ApplicationStatus.Withdrawn);
        }

        using var deleted = await family.Client.Http.DeleteAsync($"{family.Client.Tenant}/me");

        (await Problem.ReadAsync(refused, HttpStatusCode.Conflict)).Code.Should().Be("account.active_place");
        deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        using var anonymous = fixture.Factory.CreateApiClient();
        using (var signIn = await anonymous.Http.PostAsJsonAsync($"{anonymous.Tenant}/auth/sign-in", new SignInRequest(family.Credentials.Email, family.Credentials.Password), ApiJson.Options))
        {
            (await Problem.ReadAsync(signIn, HttpStatusCode.Unauthorized)).Code.Should().Be("sign_in.refused");
        }

        using (var me = await family.Client.Http.GetAsync($"{family.Client.Tenant}/me"))
        {
            me.StatusCode.Should().Be(HttpStatusCode.Unauthorized, "the token ends with the account");
        }

        (await fixture.Admin.GetApplicationAsync(application.Id)).Should().BeEquivalentTo(
            new { application.Id, Status = ApplicationStatus.Withdrawn, ChildFirstName = Application.ErasedName, ChildLastName = Application.ErasedName, application.Grade });
    }

    [Fact]
    public async Task Register_SameEmailAfterDeletion_NewAccountHasNoneOfTheErasedApplications()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Wieder");
        var application = await family.ApplyAsync(offering.Id);
        using (var withdraw = await family.Client.Http.PostAsync($"{family.Client.Tenant}/applications/{application.Id}/withdraw", null))
        using (var deleted = await family.Client.Http.DeleteAsync($"{family.Client.Tenant}/me"))
        {
            withdraw.StatusCode.Should().Be(HttpStatusCode.OK);
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        // The account id comes from the e-mail, so the new account has the erased one's id.
        using var anonymous = fixture.Factory.CreateApiClient();
        await anonymous.RegisterAsync(family.Credentials, "Familie Neuanfang");
        using var again = fixture.Factory.CreateApiClient(await anonymous.SignInAsync(family.Credentials));

        using var mine = await again.Http.GetAsync($"{again.Tenant}/me/applications");
        using var get = await again.Http.GetAsync($"{again.Tenant}/applications/{application.Id}");

        (await WebKitaClient.ReadAsync<FamilyApplicationsResponse>(mine, HttpStatusCode.OK)).Should().BeEquivalentTo(
            new { Applications = Array.Empty<ApplicationResponse>(), RoundApplications = Array.Empty<RankedApplicationResponse>() });
        (await Problem.ReadAsync(get, HttpStatusCode.NotFound)).Code.Should().Be("application.not_found");
    }

    [Fact]
    public async Task Submit_OtherParentsAccountAfterFirstAccountDeleted_Returns201()
    {
        var offering = await fixture.Factory.CreateOpenOfferingAsync(capacity: 5);
        using var first = await SignedInFamily.RegisterAsync(fixture.Factory, "Getrennt");
        var application = await first.ApplyAsync(offering.Id);
        using (var withdraw = await first.Client.Http.PostAsync($"{first.Client.Tenant}/applications/{application.Id}/withdraw", null))
        using (var deleted = await first.Client.Http.DeleteAsync($"{first.Client.Tenant}/me"))
        {
            withdraw.StatusCode.Should().Be(HttpStatusCode.OK);
            deleted.StatusCode.Should().Be(HttpStatusCode.NoContent);
        }

        using var second = await SignedInFamily.RegisterAsync(fixture.Factory, "Getrennt"); // the same child, on the other parent's account

        var again = await second.ApplyAsync(offering.Id);

        again.Should().BeEquivalentTo(new { application.Id, Status = ApplicationStatus.Accepted, ChildFirstName = "Mia", ChildLastName = "Getrennt" });
        (await second.Client.GetApplicationAsync(again.Id)).Should().Be(again);
    }
}
