using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>
/// The decision on one application: the offering after it, the application after it, and what
/// the family is told. A decision that changed nothing returns the same instances and no events.
/// </summary>
public sealed record ApplicationChange(Offering Offering, Application Application, IReadOnlyList<DomainEvent> Events)
{
    public bool Changed => Events.Count > 0;

    public static ApplicationChange Of(Offering offering, Application changed, string eventType, DateTimeOffset at) =>
        new(offering, changed, [changed.Event(eventType, at)]);
}
