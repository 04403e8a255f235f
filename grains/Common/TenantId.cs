using System.Text.Json.Serialization;

namespace WebKita.Grains.Common;

/// <summary>
/// The authority (Kreis) that runs a programme. Part of every grain's key, so one installation
/// can serve many counties without their data ever meeting.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.TenantId")]
[JsonConverter(typeof(TenantIdJsonConverter))]
public readonly record struct TenantId
{
    public TenantId(string value)
    {
        if (!IsValid(value))
        {
            throw new ArgumentException($"Tenant id '{value}' must be 2 to 40 characters of a-z, 0-9 and '-'.", nameof(value));
        }

        Value = value;
    }

    [Id(0)]
    public string Value { get; }

    public static bool IsValid(string? value) =>
        value is { Length: >= 2 and <= 40 } && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    public override string ToString() => Value;
}
