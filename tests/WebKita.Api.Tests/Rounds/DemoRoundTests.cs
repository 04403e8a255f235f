using Microsoft.Extensions.DependencyInjection;
using WebKita.Api.Demo;
using WebKita.Api.Tests.Support;
using WebKita.Grains.Applications;
using WebKita.Grains.Rounds;
using WebKita.Silo.Rounds;
using WebKita.Silo.Runtime;
using WebKita.Testing;

namespace WebKita.Api.Tests.Rounds;

/// <summary>The demo county's round as someone trying it meets it: collecting at start, allocated once its deadline passes.</summary>
public sealed class DemoRoundTests
{
    [Fact]
    public async Task DemoRound_DeadlinePasses_RunPlacesTheBeckerSiblingsTogetherAndLeavesAWaitlist()
    {
        var time = new ManualTimeProvider(DateTimeOffset.UtcNow);
        await using var factory = await WebKitaApiFactory.CreateAsync(
            new Dictionary<string, string> { ["Demo:Enabled"] = "true", ["Silo:ReminderPollInterval"] = "1.00:00:00" }, time);
        using var anonymous = new WebKitaClient(factory.CreateClient(), DemoData.Tenant.Value);
        var collecting = await anonymous.GetRoundAsync(DemoRound.Id);
        collecting.Should().BeEquivalentTo(new { Phase = RoundPhase.Collecting, Deadline = time.GetUtcNow().AddMinutes(8) });

        time.Advance(TimeSpan.FromMinutes(8));
        await factory.Services.GetRequiredService<ReminderService>().FireDueAsync(default);

        var allocated = await anonymous.GetRoundAsync(DemoRound.Id);
        allocated.Run.Should().BeEquivalentTo(new { Applicants = 11, Shortfalls = Array.Empty<object>() });
        allocated.Offerings.Select(o => o.Held).Should().Equal(3, 2, 2);
        allocated.Offerings.Sum(o => o.Waitlisted).Should().BePositive();
        var applications = await factory.Services.GetRequiredService<RoundDirectory>().ListApplicationsAsync(DemoData.Tenant, DemoRound.Id, default);
        applications.Where(a => a.Child.LastName == "Becker").Should().HaveCount(2)
            .And.OnlyContain(a => a.Status == ApplicationStatus.Offered && a.OfferingId == collecting.Offerings[0].OfferingId && a.FamilyId != null);
    }
}
