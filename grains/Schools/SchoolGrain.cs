using Microsoft.Extensions.Logging;
using WebKita.Grains.Common;

namespace WebKita.Grains.Schools;

/// <summary>Hosts a <see cref="School"/>: decides with its pure methods, writes, publishes to the school list.</summary>
public sealed class SchoolGrain(
    [PersistentState("school", GrainStorage.Name)] IPersistentState<PublishedState<School>> state,
    IReadModel<School> schools,
    TimeProvider time,
    ILogger<SchoolGrain> logger) : Grain, ISchoolGrain
{
    /// <summary>The kind the audit log and the read model name schools by; part of the schema.</summary>
    public const string Kind = "school";

    private Publication<School> _publication = null!;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKey(out var tenant);
        _publication = new Publication<School>(state, schools, new TenantId(tenant!), id, Kind, DeactivateOnIdle, time, logger);
        return _publication.ActivateAsync(cancellationToken);
    }

    public Task<Outcome<School>> CreateAsync(string name, string? address, ChangedBy? by)
    {
        var id = this.GetPrimaryKey(out var tenant);
        return _publication.ChangeAsync(
            school => school is null
                ? School.Create(new TenantId(tenant!), id, name, address)
                : new Refusal("school.exists", $"School {id} exists already."),
            "CreateSchool",
            by,
            CancellationToken.None);
    }

    public Task<Outcome<School>> UpdateAsync(string name, string? address, ChangedBy? by) =>
        _publication.ChangeAsync(
            school => school?.Update(name, address) ?? new Refusal("school.not_found", "There is no such school."),
            "UpdateSchool",
            by,
            CancellationToken.None);

    public Task<School?> FindAsync() => Task.FromResult(_publication.Current);
}
