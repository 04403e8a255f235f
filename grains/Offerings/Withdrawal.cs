using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>The decision on a withdrawal: the offering with the place freed, and the withdrawn application.</summary>
public sealed record Withdrawal(Offering Offering, Application Application, IReadOnlyList<DomainEvent> Events);
