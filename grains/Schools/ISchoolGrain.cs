using WebKita.Grains.Common;

namespace WebKita.Grains.Schools;

/// <summary>
/// One school, keyed by its id and its tenant (<c>GetGrain&lt;ISchoolGrain&gt;(id, tenant)</c>).
/// Create is idempotent by id (a repeat answers <c>school.exists</c>); Update with the same
/// details changes nothing and audits nothing.
/// </summary>
[Alias("webkita.ISchoolGrain")]
public interface ISchoolGrain : IGrainWithGuidCompoundKey
{
    [Alias("Create")]
    Task<Outcome<School>> CreateAsync(string name, string? address, ChangedBy? by);

    [Alias("Update")]
    Task<Outcome<School>> UpdateAsync(string name, string? address, ChangedBy? by);

    [Alias("Find")]
    Task<School?> FindAsync();
}
