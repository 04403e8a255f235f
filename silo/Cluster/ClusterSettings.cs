namespace WebKita.Silo.Cluster;

/// <summary>The <c>Silo:Cluster</c> section: who this silo is and where it listens.</summary>
public sealed class ClusterSettings
{
    /// <summary>Silos with the same cluster id (and the same store) form one cluster.</summary>
    public string ClusterId { get; set; } = "webkita";

    /// <summary>Stays the same across deployments: grain state and reminders are stored under it.</summary>
    public string ServiceId { get; set; } = "webkita";

    /// <summary>
    /// Silo-to-silo port; 0 takes a free port at start. A silo started on a live silo's port declares
    /// the live one dead and both go down, so fixed ports must never be shared by two processes.
    /// </summary>
    public int SiloPort { get; set; }

    /// <summary>Port for cluster clients; 0 takes a free port at start.</summary>
    public int GatewayPort { get; set; }

    /// <summary>The address other silos reach this one at (published in the membership table).</summary>
    public string AdvertisedAddress { get; set; } = "127.0.0.1";

    /// <summary>
    /// Embedded set only (localhost clustering has no table): the silo port of the silo that every
    /// other silo of the cluster joins; 0 makes this silo the primary.
    /// </summary>
    public int PrimarySiloPort { get; set; }

    /// <summary>
    /// PostgreSQL set: connections Orleans' own pool may open (membership, reminders, the state of the
    /// grains already on Orleans), beside the store's pool of the same process. Small, so that several
    /// processes on one database stay below its max_connections (two api hosts under a rush hit it).
    /// </summary>
    public int MaxPoolSize { get; set; } = 10;

    /// <summary>Host the Orleans Dashboard's data collection in this silo (the api maps its page).</summary>
    public bool Dashboard { get; set; } = true;
}
