namespace WebKita.Grains.Defects;

/// <summary>Wire codes of categories (kiosk payloads, api) and the severity a report of each starts with.</summary>
public static class DefectCategories
{
    private static readonly Dictionary<string, DefectCategory> ByCode = Enum.GetValues<DefectCategory>().ToDictionary(Code, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Codes => ByCode.Keys;

    public static string Code(DefectCategory category) => category switch
    {
        DefectCategory.WindowsDoors => "windows_doors",
        _ => category.ToString().ToLowerInvariant(),
    };

    public static bool TryParse(string? code, out DefectCategory category) => ByCode.TryGetValue(code ?? "", out category);

    /// <summary>A person's report has no severity; the trade decides where it starts (water and power before furniture).</summary>
    public static Severity DefaultSeverity(DefectCategory category) => category switch
    {
        DefectCategory.Sanitary or DefectCategory.Electrical or DefectCategory.Heating => Severity.Major,
        DefectCategory.Cleaning => Severity.Warning,
        _ => Severity.Minor,
    };
}
