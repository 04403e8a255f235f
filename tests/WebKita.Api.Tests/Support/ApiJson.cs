using System.Text.Json;
using System.Text.Json.Serialization;

namespace WebKita.Api.Tests.Support;

/// <summary>The api's wire format: web defaults (camelCase) with enums as strings.</summary>
public static class ApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
