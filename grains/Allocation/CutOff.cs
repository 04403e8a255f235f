namespace WebKita.Grains.Allocation;

/// <summary>The last applicant an offering admitted within its capacity: who ranks above this got in.</summary>
[GenerateSerializer, Immutable, Alias("webkita.CutOff")]
public sealed record CutOff(int Points, ulong LotteryNumber);
