namespace WebKita.Grains.Defects;

/// <summary>What a report did: opened a ticket, joined an open one ("me too"), or was seen before.</summary>
[GenerateSerializer, Alias("webkita.ReportResult")]
public enum ReportResult
{
    Opened,
    Joined,
    Repeated,
}
