using Orleans.Serialization;
using WebKita.Silo.Runtime;

namespace WebKita.Silo.Cluster;

/// <summary>
/// Grain state is stored as System.Text.Json in every provider set, written exactly as the domain
/// records round-trip today (<see cref="GrainJson"/>): readable in SQL and in table explorers, and
/// independent of the Orleans wire format. Switching the storage serializer later is one-way.
/// </summary>
internal static class GrainStateJson
{
    public static void Configure(SystemTextJsonGrainStorageSerializerOptions options)
    {
        var json = options.JsonSerializerOptions;
        json.PropertyNamingPolicy = GrainJson.Options.PropertyNamingPolicy;
        json.PropertyNameCaseInsensitive = GrainJson.Options.PropertyNameCaseInsensitive;
        json.NumberHandling = GrainJson.Options.NumberHandling;
        foreach (var converter in GrainJson.Options.Converters)
        {
            json.Converters.Add(converter);
        }
    }
}
