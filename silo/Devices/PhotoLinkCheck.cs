namespace WebKita.Silo.Devices;

/// <summary>What a kiosk's photo upload link is worth when it comes back.</summary>
public enum PhotoLinkCheck
{
    Valid,

    /// <summary>Not signed by us for this tenant, device, report, ticket and slot: forged, altered or another device's.</summary>
    Invalid,

    /// <summary>Ours, but past its expiry.</summary>
    Expired,
}
