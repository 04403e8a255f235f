namespace WebKita.Photos.Pipeline;

/// <summary>
/// The process-wide libvips settings, applied once before the first photo: untrusted operations
/// blocked, every loader blocked except the allow-listed ones (so a file that fools the magic
/// bytes still cannot reach, say, the SVG or PDF loader), and no operation cache (uploads are
/// never decoded twice, and cached pixels of one family's photo have no business in memory).
/// </summary>
public static class Libvips
{
    private static readonly Lazy<bool> Configured = new(Configure, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The loader class names (and their subclasses) left unblocked.</summary>
    public static IReadOnlyList<string> AllowedLoaders { get; } =
        ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadHeif"];

    /// <summary>Applies the settings once; thread-safe and idempotent.</summary>
    public static void EnsureConfigured() => _ = Configured.Value;

    private static bool Configure()
    {
        NetVips.NetVips.BlockUntrusted = true;
        NetVips.Operation.Block("VipsForeignLoad", true);
        foreach (var loader in AllowedLoaders)
        {
            NetVips.Operation.Block(loader, false);
        }
        NetVips.Cache.Max = 0;
        NetVips.Cache.MaxMem = 0;
        NetVips.Cache.MaxFiles = 0;
        return true;
    }
}
