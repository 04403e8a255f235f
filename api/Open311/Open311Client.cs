namespace WebKita.Api.Open311;

/// <summary>One configured Open311 client (see <see cref="Open311Clients"/>).</summary>
public sealed record Open311Client
{
    public string Name { get; init; } = "";

    public string Tenant { get; init; } = "";

    public string KeySha256 { get; init; } = "";
}
