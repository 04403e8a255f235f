using System.Globalization;
using System.Net;
using System.Text;
using WebKita.Api.Applications;
using WebKita.Api.Placements;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Accounts;
using WebKita.Grains.Applications;
using WebKita.Grains.Offerings;

namespace WebKita.Api.Tests.Placements;

public sealed class PlacementEndpointTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private const string Header = "Angebot;Nachname;Vorname;Geburtsdatum;Klassenstufe;Status;Eingang Nr.;Eingegangen (UTC)";

    private readonly WebKitaClient _admin = fixture.Admin;
    private readonly string _run = Children.NewRun();
    private int _keys;

    [Fact]
    public async Task ExportPlacements_AllocatedChildren_CsvForGermanExcelInClassListOrder()
    {
        var school = await _admin.CreateSchoolAsync("Grundschule Süd");
        var afternoon = await _admin.CreateOfferingAsync(WebKitaClient.OpenTerms(school.Id, 3, "Nachmittag"));
        var early = await _admin.CreateOfferingAsync(WebKitaClient.OpenTerms(school.Id, 2, "Frühbetreuung"));
        var elsewhere = await _admin.CreateOpenOfferingAsync(5);
        var zimmermann = await SubmitAsync(afternoon.Id, "Paul", "Zimmermann", new DateOnly(2017, 2, 3), 2);
        var oezdemir = await SubmitAsync(afternoon.Id, "Elif", "Özdemir", new DateOnly(2018, 11, 30), 1);
        var mueller = await SubmitAsync(afternoon.Id, "Jörg", "Müller", new DateOnly(2016, 7, 14), 3);
        (await SubmitAsync(afternoon.Id, "Wanda", "Wartend", new DateOnly(2017, 1, 1), 2)).Status.Should().Be(ApplicationStatus.Waitlisted);
        var formula = await SubmitAsync(early.Id, "=1+2", "@Angriff", new DateOnly(2018, 5, 6), 1);
        var signs = await SubmitAsync(early.Id, "-Minus", "+Plus", new DateOnly(2018, 5, 7), 1);
        await SubmitAsync(elsewhere.Id, "Otto", "Anderswo", new DateOnly(2017, 3, 3), 2);

        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/schools/{school.Id}/placements.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.ToString().Should().Be("text/csv; charset=utf-8");
        response.Content.Headers.ContentDisposition!.DispositionType.Should().Be("attachment");
        response.Content.Headers.ContentDisposition.FileNameStar.Should().Be("Belegung Grundschule Süd.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes[..3].Should().Equal(0xEF, 0xBB, 0xBF);
        new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes[3..]).Should().Be(string.Concat(
            Header, "\r\n",
            Row("Frühbetreuung", "\"'+Plus\"", "\"'-Minus\"", "2018-05-07", 1, signs), "\r\n",
            Row("Frühbetreuung", "\"'@Angriff\"", "\"'=1+2\"", "2018-05-06", 1, formula), "\r\n",
            Row("Nachmittag", "Müller", "Jörg", "2016-07-14", 3, mueller), "\r\n",
            Row("Nachmittag", "Özdemir", "Elif", "2018-11-30", 1, oezdemir), "\r\n",
            Row("Nachmittag", "Zimmermann", "Paul", "2017-02-03", 2, zimmermann), "\r\n"));
    }

    [Fact]
    public async Task ExportPlacements_NoPlacements_HeaderOnly()
    {
        var school = await _admin.CreateSchoolAsync();

        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/schools/{school.Id}/placements.csv");

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        (await response.Content.ReadAsByteArrayAsync()).Should().Equal([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Header + "\r\n")]);
    }

    [Fact]
    public async Task Occupancy_AfterSubmissionsAndAWithdrawal_CountsPerOfferingAndSchoolTotals()
    {
        var school = await _admin.CreateSchoolAsync();
        var firstCome = await _admin.CreateOfferingAsync(WebKitaClient.OpenTerms(school.Id, 2, "Nachmittag"));
        var byCriteria = await _admin.CreateOfferingAsync(WebKitaClient.OpenTerms(school.Id, 5, "Ferien") with { Mode = AllocationMode.CriteriaAtDeadline });
        var first = await SubmitAsync(firstCome.Id, "Anna", "Eins", new DateOnly(2017, 1, 1), 2);
        await SubmitAsync(firstCome.Id, "Ben", "Zwei", new DateOnly(2017, 1, 2), 2);
        await SubmitAsync(firstCome.Id, "Cem", "Drei", new DateOnly(2017, 1, 3), 2);
        await SubmitAsync(firstCome.Id, "Dana", "Vier", new DateOnly(2017, 1, 4), 2);
        await SubmitAsync(byCriteria.Id, "Emil", "Fünf", new DateOnly(2017, 1, 5), 2);
        await SubmitAsync(byCriteria.Id, "Frida", "Sechs", new DateOnly(2017, 1, 6), 2);
        using (var withdrawal = await _admin.Http.PostAsync($"{_admin.Tenant}/applications/{first.Id}/withdraw", null))
        {
            withdrawal.StatusCode.Should().Be(HttpStatusCode.OK);
        }

        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/schools/{school.Id}/occupancy");

        var occupancy = await WebKitaClient.ReadAsync<SchoolOccupancy>(response, HttpStatusCode.OK);
        occupancy.Should().BeEquivalentTo(new SchoolOccupancy(
            school.Id, Capacity: 7, Allocated: 2, Offered: 1, Accepted: 1, Confirmed: 0, FreePlaces: 5, Waitlisted: 1, Submitted: 2, Withdrawn: 1,
            [
                // The withdrawn place is offered to Cem, first in line; Dana still waits.
                new OfferingOccupancy(
                    firstCome.Id, "Nachmittag", RoundId: null, Capacity: 2, Allocated: 2, Offered: 1, Accepted: 1, Confirmed: 0, FreePlaces: 0, Waitlisted: 1, Submitted: 0, Withdrawn: 1),
                new OfferingOccupancy(
                    byCriteria.Id, "Ferien", RoundId: null, Capacity: 5, Allocated: 0, Offered: 0, Accepted: 0, Confirmed: 0, FreePlaces: 5, Waitlisted: 0, Submitted: 2, Withdrawn: 0),
            ]));
    }

    [Theory]
    [InlineData("placements.csv")]
    [InlineData("occupancy")]
    public async Task Get_StaffOfTheSchoolOrOfAnother_OwnSchoolServedOtherSchool404(string resource)
    {
        var school = await _admin.CreateSchoolAsync();
        var other = await _admin.CreateSchoolAsync();
        var staff = Credentials.New("staff");
        await _admin.CreateAccountAsync(staff, Role.SchoolStaff, [school.Id]);
        using var client = fixture.Factory.CreateApiClient(await fixture.Factory.SignInAsync(staff));

        using var own = await client.Http.GetAsync($"{client.Tenant}/schools/{school.Id}/{resource}");
        using var foreign = await client.Http.GetAsync($"{client.Tenant}/schools/{other.Id}/{resource}");

        own.StatusCode.Should().Be(HttpStatusCode.OK);
        (await Problem.ReadAsync(foreign, HttpStatusCode.NotFound)).Title.Should().Be("There is no such school.");
    }

    [Theory]
    [InlineData("placements.csv")]
    [InlineData("occupancy")]
    public async Task Get_Family_Returns403(string resource)
    {
        var offering = await _admin.CreateOpenOfferingAsync(3);
        using var family = await SignedInFamily.RegisterAsync(fixture.Factory, "Krause");
        await family.ApplyAsync(offering.Id);

        using var response = await family.Client.Http.GetAsync($"{family.Client.Tenant}/schools/{offering.SchoolId}/{resource}");

        response.StatusCode.Should().Be(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData("placements.csv")]
    [InlineData("occupancy")]
    public async Task Get_AdminUnknownSchool_Returns404(string resource)
    {
        using var response = await _admin.Http.GetAsync($"{_admin.Tenant}/schools/{Guid.NewGuid()}/{resource}");

        (await Problem.ReadAsync(response, HttpStatusCode.NotFound)).Title.Should().Be("There is no such school.");
    }

    private static string Row(string offering, string lastName, string firstName, string birthDate, int grade, ApplicationResponse application) =>
        string.Join(';', offering, lastName, firstName, birthDate, grade.ToString(CultureInfo.InvariantCulture), "Angenommen",
            application.Arrival.ToString(CultureInfo.InvariantCulture),
            application.SubmittedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture));

    private async Task<ApplicationResponse> SubmitAsync(Guid offeringId, string firstName, string lastName, DateOnly birthDate, int grade)
    {
        var answer = await _admin.SubmitAsync(offeringId, new ChildRequest(firstName, lastName, birthDate, grade), Children.Key(_run, ++_keys));
        answer.Status.Should().Be(HttpStatusCode.Created, answer.ToString());
        return answer.Application!;
    }
}
