namespace WebKita.Silo.Cluster;

/// <summary>
/// <c>GetGrain</c> without Orleans' per-call reflection. The factory works out a grain interface's
/// type names from its attributes on every call: about a tenth of the api's CPU in an HTTP rush,
/// where a booking makes two such calls (the gateway makes one per batch). Those names never change
/// in a process, so they are resolved once per interface and each reference is built from them.
/// </summary>
public static class GrainReferences
{
    public static TGrain Grain<TGrain>(this IGrainFactory grains, Guid id, string keyExtension)
        where TGrain : IGrainWithGuidCompoundKey =>
        Create<TGrain>(grains, GrainIdKeyExtensions.CreateGuidKey(id, keyExtension));

    public static TGrain Grain<TGrain>(this IGrainFactory grains, long key)
        where TGrain : IGrainWithIntegerKey =>
        Create<TGrain>(grains, GrainIdKeyExtensions.CreateIntegerKey(key));

    public static TGrain Grain<TGrain>(this IGrainFactory grains, string key)
        where TGrain : IGrainWithStringKey =>
        Create<TGrain>(grains, IdSpan.Create(key));

    private static TGrain Create<TGrain>(IGrainFactory grains, IdSpan key)
    {
        var names = Resolved<TGrain>.Names ??= NamesOf(typeof(TGrain), grains);
        return (TGrain)grains.GetGrain(GrainId.Create(names.Type, key), names.Interface);
    }

    private static Names NamesOf(Type grainInterface, IGrainFactory grains)
    {
        var sample = (GrainReference)grains.GetGrain(grainInterface, IdSpan.Create("names"));
        return new Names(sample.GrainId.Type, sample.InterfaceType);
    }

    private sealed record Names(GrainType Type, GrainInterfaceType Interface);

    // A race resolves twice to the same names; a reference is written whole, so no lock is needed.
    private static class Resolved<TGrain>
    {
        public static Names? Names;
    }
}
