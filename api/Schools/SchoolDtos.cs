using WebKita.Grains.Schools;

namespace WebKita.Api.Schools;

public sealed record SchoolRequest(string? Name, string? Address);

public sealed record SchoolResponse(Guid Id, string Name, string? Address)
{
    public static SchoolResponse From(School school) => new(school.Id, school.Name, school.Address);
}
