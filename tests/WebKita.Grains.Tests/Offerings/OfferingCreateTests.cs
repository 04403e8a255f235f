using WebKita.Grains.Common;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Tests.Offerings;

public sealed class OfferingCreateTests
{
    [Fact]
    public void Create_ValidTerms_StartsScheduledEmptyWithTrimmedTitle()
    {
        var terms = Examples.Terms(capacity: 20) with { Title = "  Ferienwoche 1 " };

        var outcome = Offering.Create(Examples.Tenant, Examples.OfferingId, terms);

        outcome.IsRefused.Should().BeFalse();
        outcome.Value.Should().BeEquivalentTo(new
        {
            Tenant = Examples.Tenant,
            Id = Examples.OfferingId,
            Allocated = 0,
            Arrivals = 0L,
            Phase = RegistrationPhase.Scheduled,
            FreePlaces = 20,
        });
        outcome.Value!.Terms.Should().Be(terms with { Title = "Ferienwoche 1" });
        outcome.Value.Waitlist.Should().BeEmpty();
    }

    [Fact]
    public void Create_EveryFieldInvalid_RefusesWithOneProblemPerField()
    {
        var terms = Examples.Terms() with
        {
            Title = " ",
            Capacity = -1,
            Window = new RegistrationWindow(Examples.Closes, Examples.Opens),
            Grades = new GradeRange(4, 1),
        };

        var outcome = Offering.Create(Examples.Tenant, Examples.OfferingId, terms);

        outcome.Value.Should().BeNull();
        outcome.Refusal!.Code.Should().Be("offering.invalid");
        outcome.Refusal.Fields!.Select(f => f.Field).Should().Equal("title", "capacity", "window", "grades");
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(OfferingTerms.MaxCapacity, true)]
    [InlineData(OfferingTerms.MaxCapacity + 1, false)]
    [InlineData(-1, false)]
    public void Create_CapacityAtAndBeyondBounds_AcceptsOnlyZeroToMax(int capacity, bool accepted)
    {
        var outcome = Offering.Create(Examples.Tenant, Examples.OfferingId, Examples.Terms(capacity));

        if (accepted)
        {
            outcome.Refusal.Should().BeNull();
        }
        else
        {
            outcome.Refusal!.Fields.Should().Equal(new FieldProblem("capacity", $"must be between 0 and {OfferingTerms.MaxCapacity}"));
        }
    }

    [Theory]
    [InlineData(200, true)]
    [InlineData(201, false)]
    public void Create_TitleLength_AcceptsUpTo200Characters(int length, bool accepted)
    {
        var outcome = Offering.Create(Examples.Tenant, Examples.OfferingId, Examples.Terms() with { Title = new string('x', length) });

        outcome.IsRefused.Should().Be(!accepted);
        if (!accepted)
        {
            outcome.Refusal!.Fields.Should().Equal(new FieldProblem("title", "must be 1 to 200 characters"));
        }
    }

    [Fact]
    public void Create_WindowClosingWhenItOpens_RefusesWindow()
    {
        var terms = Examples.Terms() with { Window = new RegistrationWindow(Examples.Opens, Examples.Opens) };

        var outcome = Offering.Create(Examples.Tenant, Examples.OfferingId, terms);

        outcome.Refusal!.Fields.Should().Equal(new FieldProblem("window", "must close after it opens"));
    }

    [Theory]
    [InlineData(0, 4)]
    [InlineData(1, 14)]
    [InlineData(3, 2)]
    public void Create_GradesOutsideOneToThirteenOrReversed_RefusesGrades(int lowest, int highest)
    {
        var outcome = Offering.Create(Examples.Tenant, Examples.OfferingId, Examples.Terms() with { Grades = new GradeRange(lowest, highest) });

        outcome.Refusal!.Fields.Should().Equal(new FieldProblem("grades", "must be a range within 1 to 13 with lowest <= highest"));
    }
}
