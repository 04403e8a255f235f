using WebKita.Grains.Allocation;

namespace WebKita.Grains.Rounds;

/// <summary>
/// An offering as the run saw it, the same for every application that asked for it: how many
/// asked, its capacity then (staff may change it later), and its cut-off (null when it admitted
/// nobody within capacity).
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.OfferingAtRun")]
public sealed record OfferingAtRun(int Applicants, int Capacity, CutOff? CutOff);
