namespace WebKita.Silo.Devices;

/// <summary>The tenant-independent record of a device id: which tenant owns it. Never changes once written.</summary>
public sealed record DeviceIndexEntry(string DeviceId, string Tenant);
