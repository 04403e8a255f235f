using System.Text.Json;

namespace WebKita.Pages.Tests.Support;

/// <summary>
/// A school with one open first-come-first-served module of one place, held by a paper
/// application, and a staff account of the school: a family that applies waits in line.
/// </summary>
public sealed record SchoolWorld(Guid SchoolId, string SchoolName, Guid OfferingId, string OfferingTitle, Guid PaperApplicationId, string StaffEmail, string StaffPassword)
{
    public const string Password = "Ein-langes-Passwort-1";

    public static async Task<SchoolWorld> CreateAsync(PagesSite site, string tag)
    {
        using var api = await site.AdminApiAsync();
        var schoolName = $"Grundschule {tag}";
        var school = await api.PostAsync("/schools", new { name = schoolName, address = "Parkstraße 1, 65719 Hofheim" });
        var schoolId = school.GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var title = $"Modul bis 17 Uhr {tag}";
        var offering = await api.PostAsync("/offerings", new
        {
            schoolId, title, kind = "SchoolYearModule", capacity = 1, opensAt = now.AddHours(-1), closesAt = now.AddDays(30),
            lowestGrade = 1, highestGrade = 4, mode = "FirstComeFirstServed",
        });
        var offeringId = offering.GetProperty("id").GetGuid();
        var paper = await api.PostAsync(
            $"/offerings/{offeringId}/applications",
            new { child = new { firstName = "Paul", lastName = "Papier", birthDate = "2018-03-01", grade = 2 } },
            idempotencyKey: $"paper-{Guid.NewGuid():N}");
        var staffEmail = $"schule-{Guid.NewGuid():N}@test.example";
        await api.PostAsync("/accounts", new { email = staffEmail, password = Password, displayName = "Frau Schulz", role = "SchoolStaff", schools = new[] { schoolId }, buildings = Array.Empty<Guid>() });
        return new SchoolWorld(schoolId, schoolName, offeringId, title, paper.GetProperty("id").GetGuid(), staffEmail, Password);
    }

    /// <summary>Staff reject the paper application, which frees the place for the head of the waitlist.</summary>
    public async Task FreeThePlaceAsync(PagesSite site)
    {
        using var api = await site.AdminApiAsync();
        await api.PostAsync($"/applications/{PaperApplicationId}/reject", new { reason = "Doppelte Anmeldung" });
    }

    public async Task<JsonElement> ApplicationsAsync(PagesSite site)
    {
        using var api = await site.AdminApiAsync();
        return await api.GetAsync($"/offerings/{OfferingId}/applications");
    }
}
