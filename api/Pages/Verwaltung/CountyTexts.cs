using WebKita.Grains.Accounts;
using WebKita.Grains.Allocation;
using WebKita.Grains.Offerings;
using WebKita.Grains.Rounds;

namespace WebKita.Api.Pages.Verwaltung;

/// <summary>The domain's names in the German the county's staff use on their pages.</summary>
public static class CountyTexts
{
    public static string CriterionName(Criterion criterion) => criterion switch
    {
        Criterion.Employment => "Berufstätigkeit (je sorgeberechtigte Person)",
        Criterion.Training => "Ausbildung oder Studium (je sorgeberechtigte Person)",
        Criterion.SingleParent => "Alleinerziehend",
        Criterion.SiblingAtSchool => "Geschwisterkind an der Schule",
        Criterion.CatchmentArea => "Wohnort im Schulbezirk",
        Criterion.PriorityGrade => "Vorrangige Klassenstufe",
        _ => "Härtefall",
    };

    public static string PhaseName(RoundPhase phase) => phase == RoundPhase.Collecting ? "Bewerbungen laufen" : "Vergabe veröffentlicht";

    public static string ModeName(AllocationMode mode) => mode == AllocationMode.CriteriaAtDeadline ? "Vergabe nach Kriterien zum Stichtag" : "Reihenfolge des Eingangs";

    public static string KindName(OfferingKind kind) => kind == OfferingKind.HolidayWeek ? "Ferienbetreuung (Woche)" : "Schuljahresmodul";

    public static string RoleName(Role role) => role switch
    {
        Role.SchoolStaff => "Schulpersonal",
        Role.CountyAdmin => "Verwaltung des Landkreises",
        Role.FacilityManager => "Hausmeisterdienst",
        _ => "Familie",
    };

    public static string PlacementName(PlacementStatus status) => status switch
    {
        PlacementStatus.Placed => "Platz",
        PlacementStatus.PlacedAboveCapacity => "Platz über der Platzzahl (Rechtsanspruch)",
        _ => "Warteliste",
    };
}
