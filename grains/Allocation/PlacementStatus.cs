namespace WebKita.Grains.Allocation;

[GenerateSerializer, Alias("webkita.PlacementStatus")]
public enum PlacementStatus
{
    /// <summary>Holds a place within the offering's capacity.</summary>
    Placed,

    /// <summary>An entitled child no offering had room for, placed at its first choice; counts in the school's shortfall.</summary>
    PlacedAboveCapacity,

    /// <summary>No place; waits at the offerings it asked for, in the ranks its explanation shows.</summary>
    Waitlisted,
}
