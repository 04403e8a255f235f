using System.Collections.Immutable;

namespace WebKita.Grains.Defects;

/// <summary>
/// A report of a defect in a room. <paramref name="Key"/> identifies the report itself
/// ("kiosk:{deviceId}:{reportId}", "alarm:{alarmId}"): the same key twice is one report.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.DefectReport")]
public sealed record DefectReport(
    string Key, DefectCategory Category, Severity? Severity, string Text, ImmutableList<string> Attachments, string Source)
{
    public const int MaxTextLength = 2000;
    public const int MaxAttachments = 10;
    public const int MaxAttachmentLength = 200;
}
