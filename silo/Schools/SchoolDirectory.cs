using WebKita.Grains.Common;
using WebKita.Grains.Schools;
using WebKita.Silo.Runtime;
using WebKita.Silo.Storage;

namespace WebKita.Silo.Schools;

/// <summary>Schools of all tenants: changes go through each school's activation, reads straight to the store.</summary>
public sealed class SchoolDirectory(IGrainStore store, SiloOptions options, TimeProvider time) : IAsyncDisposable
{
    private readonly GrainDirectory<GrainKey, SingleGrainActivation<School>> _activations = new();

    public Task<Outcome<School>> CreateAsync(TenantId tenant, Guid id, string name, string? address, CancellationToken cancellationToken, Actor? by = null) =>
        Activation(tenant, id).SendAsync(
            school => school is null
                ? School.Create(tenant, id, name, address)
                : new Refusal("school.exists", $"School {id} exists already."),
            cancellationToken,
            by is null ? null : new AuditedAction(by, "CreateSchool"));

    public Task<Outcome<School>> UpdateAsync(TenantId tenant, Guid id, string name, string? address, CancellationToken cancellationToken, Actor? by = null) =>
        Activation(tenant, id).SendAsync(
            school => school?.Update(name, address) ?? new Refusal("school.not_found", "There is no such school."),
            cancellationToken,
            by is null ? null : new AuditedAction(by, "UpdateSchool"));

    public async Task<School?> FindAsync(TenantId tenant, Guid id, CancellationToken cancellationToken) =>
        await store.ReadAsync(Key(tenant, id), cancellationToken) is { } stored ? GrainJson.Deserialize<School>(stored.State) : null;

    public async Task<IReadOnlyList<School>> ListAsync(TenantId tenant, CancellationToken cancellationToken) =>
        [.. (await store.ListAsync(tenant.Value, GrainKinds.School, null, cancellationToken))
            .Select(s => GrainJson.Deserialize<School>(s.State)).OrderBy(s => s.Name, StringComparer.CurrentCulture)];

    private SingleGrainActivation<School> Activation(TenantId tenant, Guid id) =>
        _activations.Get(Key(tenant, id), key => new SingleGrainActivation<School>(store, key, _ => null, options, time));

    private static GrainKey Key(TenantId tenant, Guid id) => new(tenant.Value, GrainKinds.School, id);

    public ValueTask DisposeAsync() => _activations.DisposeAsync();
}
