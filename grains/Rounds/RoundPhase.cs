namespace WebKita.Grains.Rounds;

[GenerateSerializer, Alias("webkita.RoundPhase")]
public enum RoundPhase
{
    /// <summary>Applications are collected until the deadline; nobody holds a place yet.</summary>
    Collecting,

    /// <summary>The run at the deadline is published; offers, waitlists and confirmations follow.</summary>
    Allocated,
}
