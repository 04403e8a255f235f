using WebKita.Grains.Defects;

namespace WebKita.Silo.Mail;

/// <summary>The German words of every facility manager's mail: where, what, how urgent, and the link to act.</summary>
public static class FacilityTexts
{
    public static MailContent Ticket(int number, DefectCategory category, Severity severity, string place, Uri link, string county) => new(
        $"Neue Meldung #{number}: {Trade(category)} – {place}",
        [$"in {place} wurde ein Mangel gemeldet: {Trade(category)}, Dringlichkeit {Urgency(severity)}."],
        "Zur Meldung",
        link,
        county);

    public static MailContent Alarm(string alarmType, string deviceId, string? value, Severity severity, string place, Uri link, string county) => new(
        $"Alarm ({Urgency(severity)}): {Condition(alarmType)} – {place}",
        [$"der Sensor {deviceId} in {place} meldet: {Condition(alarmType)}{(value is { Length: > 0 } ? $" (Wert {value})" : "")}, Dringlichkeit {Urgency(severity)}."],
        "Zu den Alarmen",
        link,
        county);

    public static MailContent TicketEscalated(int number, int level, Severity severity, string place, Uri link, string county) => new(
        $"Eskalation (Stufe {level}): Meldung #{number} – {place}",
        [$"die Meldung #{number} in {place} (Dringlichkeit {Urgency(severity)}) ist noch nicht bearbeitet; die Eskalation hat begonnen."],
        "Zur Meldung",
        link,
        county);

    public static MailContent AlarmEscalated(string alarmType, int level, Severity severity, string place, Uri link, string county) => new(
        $"Eskalation (Stufe {level}): Alarm {Condition(alarmType)} – {place}",
        [$"der Alarm „{Condition(alarmType)}“ in {place} (Dringlichkeit {Urgency(severity)}) ist noch nicht quittiert; die Eskalation hat begonnen."],
        "Zu den Alarmen",
        link,
        county);

    /// <summary>The default profiles' alarm types in German; a county's own rule names stay as the admin wrote them.</summary>
    public static string Condition(string alarmType) => alarmType switch
    {
        "water_leak" => "Wasseraustritt",
        "temperature_low" => "Temperatur zu niedrig",
        "temperature_high" => "Temperatur zu hoch",
        "co2_high" => "CO₂ zu hoch",
        "humidity_high" => "Luftfeuchte zu hoch",
        "battery_low" => "Batterie schwach",
        "offline" => "keine Verbindung",
        _ => alarmType,
    };

    public static string Urgency(Severity severity) => severity switch
    {
        Severity.Critical => "kritisch",
        Severity.Major => "hoch",
        Severity.Minor => "mittel",
        _ => "niedrig",
    };

    public static string Trade(DefectCategory category) => category switch
    {
        DefectCategory.Heating => "Heizung",
        DefectCategory.Sanitary => "Sanitär",
        DefectCategory.Electrical => "Elektrik",
        DefectCategory.WindowsDoors => "Fenster und Türen",
        DefectCategory.Furniture => "Möbel",
        DefectCategory.Cleaning => "Reinigung",
        DefectCategory.It => "IT",
        _ => "Sonstiges",
    };
}
