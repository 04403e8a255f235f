using WebKita.Grains.Common;
using WebKita.Grains.Rounds;

namespace WebKita.Silo.Rounds;

/// <summary>A command's answer, given after its turn committed: a refusal, or the round and the application it concerned.</summary>
[GenerateSerializer, Immutable, Alias("webkita.RoundReply")]
public sealed record RoundReply(Refusal? Refusal, AllocationRound? Round, RankedApplication? Application = null, bool Created = false);
