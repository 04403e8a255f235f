namespace WebKita.Pages.Tests.Support;

/// <summary>
/// The statute in force (10 points per employed guardian), a school with one criteria module of
/// one place, a round over it with its deadline ten minutes ahead on the site's clock, and a staff
/// account of the school.
/// </summary>
public sealed record RoundWorld(Guid SchoolId, Guid OfferingId, string OfferingTitle, Guid RoundId, DateTimeOffset Deadline, string StaffEmail)
{
    public static async Task<RoundWorld> CreateAsync(ClockedSite site, string tag)
    {
        using var api = await site.AdminApiAsync();
        await api.SendAsync(HttpMethod.Put, "/statute", new { criteria = new[] { new { criterion = "Employment", points = 10 } }, lowestPriorityGrade = 1, highestPriorityGrade = 2 });
        var school = await api.PostAsync("/schools", new { name = $"Grundschule {tag}", address = "Am Markt 3" });
        var schoolId = school.GetProperty("id").GetGuid();
        var now = site.Clock.GetUtcNow();
        var title = $"Kriterienmodul {tag}";
        var offering = await api.PostAsync("/offerings", new
        {
            schoolId, title, kind = "SchoolYearModule", capacity = 1, opensAt = now.AddHours(-1), closesAt = now.AddDays(30),
            lowestGrade = 1, highestGrade = 4, mode = "CriteriaAtDeadline",
        });
        var offeringId = offering.GetProperty("id").GetGuid();
        var deadline = now.AddMinutes(10);
        var round = await api.PostAsync("/rounds", new { title = $"Runde {tag}", schoolYearStart = 2027, deadline, offerDays = 7, offeringIds = new[] { offeringId } });
        var staffEmail = $"schule-{Guid.NewGuid():N}@test.example";
        await api.PostAsync("/accounts", new { email = staffEmail, password = SchoolWorld.Password, displayName = "Frau Runde", role = "SchoolStaff", schools = new[] { schoolId }, buildings = Array.Empty<Guid>() });
        return new RoundWorld(schoolId, offeringId, title, round.GetProperty("id").GetGuid(), deadline, staffEmail);
    }

    /// <summary>A paper application (entered by the county) for a third-grader, outside the priority grades, who ranks only this round's module; answers its id.</summary>
    public async Task<Guid> PaperApplicationAsync(PagesSite site, string firstName)
    {
        using var api = await site.AdminApiAsync();
        var application = await api.PostAsync(
            $"/rounds/{RoundId}/applications",
            new { child = new { firstName, lastName = "Papier", birthDate = "2017-02-01", grade = 3 }, preferences = new[] { OfferingId } },
            idempotencyKey: $"paper-{Guid.NewGuid():N}");
        return application.GetProperty("id").GetGuid();
    }

    /// <summary>Moves the site's clock past the deadline and fires the reminder that runs the allocation.</summary>
    public async Task PassDeadlineAsync(ClockedSite site)
    {
        site.Clock.SetUtcNow(Deadline.AddSeconds(1));
        (await site.FireDueRemindersAsync()).Should().BeGreaterThanOrEqualTo(1, "the deadline's reminder runs the allocation");
    }
}
