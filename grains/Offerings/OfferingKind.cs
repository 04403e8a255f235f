namespace WebKita.Grains.Offerings;

[GenerateSerializer, Alias("webkita.OfferingKind")]
public enum OfferingKind
{
    /// <summary>A school-year module, e.g. "Modul 2 bis 17:00" on chosen weekdays.</summary>
    SchoolYearModule,

    /// <summary>One week of holiday care (Ferienbetreuung).</summary>
    HolidayWeek,
}
