namespace WebKita.Grains.Offerings;

/// <summary>How an offering's places are given out (DOMAIN.md: both modes exist in real systems).</summary>
[GenerateSerializer, Alias("webkita.AllocationMode")]
public enum AllocationMode
{
    /// <summary>Places go in the order the silo accepted the applications, the rest wait in that order.</summary>
    FirstComeFirstServed,

    /// <summary>Applications collect until the window closes and are then ranked by the statute.</summary>
    CriteriaAtDeadline,
}
