namespace WebKita.Cluster.Tests.Contract;

/// <summary>A grain state as small as can be: enough to tell two writes apart.</summary>
public sealed record Counter(int Value, string Note);
