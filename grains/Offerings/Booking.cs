using WebKita.Grains.Applications;
using WebKita.Grains.Common;

namespace WebKita.Grains.Offerings;

/// <summary>The decision on a submission: the offering and application after it.</summary>
/// <param name="Created">False when an application for the same child was already there and is returned as it is.</param>
public sealed record Booking(Offering Offering, Application Application, bool Created, IReadOnlyList<DomainEvent> Events);
