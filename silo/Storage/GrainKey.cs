namespace WebKita.Silo.Storage;

/// <summary>A grain's identity in the store: tenant first, so no query can cross counties by accident.</summary>
[GenerateSerializer, Immutable, Alias("webkita.GrainKey")]
public readonly record struct GrainKey(string Tenant, string Kind, Guid Id)
{
    public override string ToString() => $"{Tenant}/{Kind}/{Id}";
}
