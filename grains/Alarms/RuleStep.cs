using WebKita.Grains.Defects;

namespace WebKita.Grains.Alarms;

/// <summary>A rule's verdict on one reading: its progress afterwards, the change to its alarm, and the severity the reading deserves.</summary>
public readonly record struct RuleStep(RuleProgress Progress, AlarmChange Change, Severity Severity);
