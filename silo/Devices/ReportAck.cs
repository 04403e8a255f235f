using System.Text.Json.Serialization;

namespace WebKita.Silo.Devices;

/// <summary>
/// What a kiosk gets on <c>sue/v1/{deviceId}/ack</c> for a report: the ticket number to show, and
/// whether the report opened or joined it; while the ticket is open, links to upload its photos.
/// </summary>
public sealed record ReportAck(
    string ReportId,
    int Ticket,
    string Result,
    int Reports,
    string Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] PhotoUploads? PhotoUploads = null);
