using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using WebKita.Api.Accounts;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Silo.Storage;

namespace WebKita.Api.Tests.Audit;

public sealed class AuditTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    [Fact]
    public async Task ReadAudit_AfterStaffWithdrawalAndAdminOfferingChange_ShowsWhoWhatAndWhy()
    {
        var (offering, staff) = await fixture.Admin.CreateStaffedOfferingAsync(capacity: 5);
        var staffId = (await MeAsync(fixture.Admin, staff)).Id;
        var adminId = (await MeAsync(fixture.Admin)).Id;
        using var atSchool = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(staff));
        var paper = (await atSchool.SubmitAsync(offering.Id, Children.Numbered(1), Children.NewRun())).Application!;
        using (var withdraw = await atSchool.Http.PostAsync($"{atSchool.Tenant}/applications/{paper.Id}/withdraw", null))
        {
            withdraw.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        var moreRoom = WebKitaClient.OpenTerms(offering.SchoolId, 8) with { OpensAt = offering.OpensAt, ClosesAt = offering.ClosesAt, Reason = "Zweite Erzieherin eingestellt" };
        using (var change = await fixture.Admin.Http.PutAsJsonAsync($"{fixture.Admin.Tenant}/offerings/{offering.Id}", moreRoom, ApiJson.Options))
        {
            change.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var response = await fixture.Admin.Http.GetAsync($"{fixture.Admin.Tenant}/audit");

        var entries = await WebKitaClient.ReadAsync<AuditEntry[]>(response, HttpStatusCode.OK);
        entries.Select(e => e.Sequence).Should().BeInDescendingOrder("newest first");
        entries.Where(e => e.SubjectId == paper.Id).Select(e => (e.ActorId, e.ActorRole, e.Action, e.SubjectKind, e.Reason))
            .Should().Equal(
                (staffId, nameof(Role.SchoolStaff), "WithdrawApplication", "application", null),
                (staffId, nameof(Role.SchoolStaff), "SubmitApplication", "application", null));
        var changed = entries.Where(e => e.SubjectId == offering.Id && e.Action == "ChangeOfferingTerms").Should().ContainSingle().Subject;
        changed.Should().BeEquivalentTo(new { ActorId = adminId, ActorRole = nameof(Role.CountyAdmin), SubjectKind = "offering", Reason = "Zweite Erzieherin eingestellt", Tenant = WebKitaClient.DefaultTenant });
        using var details = JsonDocument.Parse(changed.Details);
        details.RootElement.GetProperty("capacity").GetInt32().Should().Be(8);
    }

    [Fact]
    public async Task ReadAudit_AfterAdminCreatesSchoolAndStaffAccount_RecordsBothWithTheAdmin()
    {
        var adminId = (await MeAsync(fixture.Admin)).Id;
        var school = await fixture.Admin.CreateSchoolAsync("Grundschule Audit");
        var staff = Credentials.New("audit");
        using (var created = await fixture.Admin.Http.PostAsJsonAsync(
            $"{fixture.Admin.Tenant}/accounts", new StaffRequest(staff.Email, staff.Password, "Frau Audit", Role.SchoolStaff, [school.Id], []), ApiJson.Options))
        {
            created.StatusCode.Should().Be(HttpStatusCode.Created);
        }

        var staffId = (await MeAsync(fixture.Admin, staff)).Id;

        using var response = await fixture.Admin.Http.GetAsync($"{fixture.Admin.Tenant}/audit");

        var entries = await WebKitaClient.ReadAsync<AuditEntry[]>(response, HttpStatusCode.OK);
        entries.Where(e => e.SubjectId == school.Id || e.SubjectId == staffId).Select(e => (e.ActorId, e.Action, e.SubjectKind))
            .Should().Equal(
                (adminId, "OpenSchoolStaffAccount", "account"),
                (adminId, "CreateSchool", "school"));
    }

    [Fact]
    public async Task ReadAudit_Family_Returns403()
    {
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Neugier");

        using var response = await family.Client.Http.GetAsync($"{family.Client.Tenant}/audit");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    /// <summary>The account behind <paramref name="staff"/>, as the admin's list has it; or the admin's own.</summary>
    private static async Task<AccountResponse> MeAsync(WebKitaClient admin, Credentials? staff = null)
    {
        if (staff is null)
        {
            using var me = await admin.Http.GetAsync($"{admin.Tenant}/me");
            return await WebKitaClient.ReadAsync<AccountResponse>(me, HttpStatusCode.OK);
        }

        using var list = await admin.Http.GetAsync($"{admin.Tenant}/accounts");
        return (await WebKitaClient.ReadAsync<AccountResponse[]>(list, HttpStatusCode.OK)).Single(a => a.Email == staff.Email);
    }
}
