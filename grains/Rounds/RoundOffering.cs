using System.Collections.Immutable;
using WebKita.Grains.Offerings;

namespace WebKita.Grains.Rounds;

/// <summary>
/// One offering's places inside a round. <see cref="Held"/> counts offered, accepted and confirmed
/// places and may exceed <see cref="Capacity"/>: entitled children are placed above it, and a
/// lowered capacity never evicts anyone. The waitlist holds only waitlisted applications, best
/// first (rank after the run, arrival for later applications). <see cref="AtRun"/> is set by the
/// run and never changed.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.RoundOffering")]
public sealed record RoundOffering(
    Guid OfferingId, Guid SchoolId, GradeRange Grades, int Capacity, int Held, ImmutableList<Guid> Waitlist, OfferingAtRun? AtRun = null)
{
    public int FreePlaces => Math.Max(0, Capacity - Held);

    /// <summary>1-based, or null when the application does not wait here.</summary>
    public int? PositionOf(Guid applicationId)
    {
        var index = Waitlist.IndexOf(applicationId);
        return index < 0 ? null : index + 1;
    }
}
