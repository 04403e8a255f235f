using WebKita.Grains.Common;

namespace WebKita.Grains.Schools;

/// <summary>A primary school with care on site. Immutable; changed only through its methods.</summary>
[GenerateSerializer, Immutable, Alias("webkita.School")]
public sealed record School(TenantId Tenant, Guid Id, string Name, string? Address)
{
    public const int MaxNameLength = 200;

    public static Outcome<School> Create(TenantId tenant, Guid id, string name, string? address)
    {
        var refusal = Validate(name, address);
        return refusal is null ? Outcome<School>.Done(new School(tenant, id, name.Trim(), address?.Trim())) : refusal;
    }

    public Outcome<School> Update(string name, string? address)
    {
        var refusal = Validate(name, address);
        return refusal is null ? Outcome<School>.Done(this with { Name = name.Trim(), Address = address?.Trim() }) : refusal;
    }

    private static Refusal? Validate(string name, string? address)
    {
        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(name) || name.Length > MaxNameLength)
        {
            problems.Add(new("name", $"must be 1 to {MaxNameLength} characters"));
        }

        if (address is { Length: > 300 })
        {
            problems.Add(new("address", "must be at most 300 characters"));
        }

        return problems.Count > 0 ? new Refusal("school.invalid", "The school's details are not valid.", problems) : null;
    }
}
