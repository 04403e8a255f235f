using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Schools;

/// <summary>Hosts a <see cref="School"/>: decides with its pure methods, writes, publishes to the school list.</summary>
public sealed class SchoolGrain(
    [PersistentState("school", GrainStorage.Name)] IPersistentState<PublishedState<School>> state,
    IReadModel<School> schools,
    TimeProvider time,
    ILogger<SchoolGrain> logger) : PublishingGrain<School>(Kind, state, schools, time, logger), ISchoolGrain
{
    /// <summary>The kind the audit log and the read model name schools by; part of the schema.</summary>
    public const string Kind = "school";

    public Task<Outcome<School>> CreateAsync(string name, string? address, ChangedBy? by) =>
        CreateOnceAsync((tenant, id) => School.Create(tenant, id, name, address), "school.exists", "CreateSchool", by);

    public Task<Outcome<School>> UpdateAsync(string name, string? address, ChangedBy? by) =>
        ChangeAsync(school => school?.Update(name, address) ?? new Refusal("school.not_found", "There is no such school."), "UpdateSchool", by);

    public Task<School?> FindAsync() => Task.FromResult(Current);
}
