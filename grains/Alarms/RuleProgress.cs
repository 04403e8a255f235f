namespace WebKita.Grains.Alarms;

/// <summary>How long and how often in a row a rule's raise condition has held, while its alarm is not active.</summary>
public sealed record RuleProgress(DateTimeOffset? HoldingSince, int InARow)
{
    public static readonly RuleProgress None = new(null, 0);
}
