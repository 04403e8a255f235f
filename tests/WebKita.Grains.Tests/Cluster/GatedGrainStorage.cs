using Orleans.Storage;

namespace WebKita.Grains.Tests.Cluster;

/// <summary>A silo's real grain storage behind the cluster's <see cref="StorageGate"/>.</summary>
public sealed class GatedGrainStorage(IGrainStorage inner, StorageGate gate) : IGrainStorage
{
    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ReadStateAsync(stateName, grainId, grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        gate.PassAsync(() => inner.WriteStateAsync(stateName, grainId, grainState));

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        inner.ClearStateAsync(stateName, grainId, grainState);
}
