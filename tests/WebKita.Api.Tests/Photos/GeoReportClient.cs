using System.Text.Json;
using System.Xml.Linq;

namespace WebKita.Api.Tests.Photos;

/// <summary>
/// A GeoReport v2 client written from the Open311 specification (wiki.open311.org/GeoReport_v2),
/// not from our server: paths with the format as extension, jurisdiction_id on every call,
/// form-encoded POST, and every answer read into records of the specification's field names,
/// from JSON (a list of objects) or XML (a root holding one element per record).
/// </summary>
public sealed class GeoReportClient(HttpClient http, string jurisdiction, string format)
{
    public async Task<(int Status, IReadOnlyList<IReadOnlyDictionary<string, string?>> Records)> GetAsync(string resource, string query = "")
    {
        using var response = await http.GetAsync($"/open311/v2/{resource}.{format}?jurisdiction_id={jurisdiction}{query}");
        return ((int)response.StatusCode, Read(await response.Content.ReadAsStringAsync()));
    }

    public async Task<(int Status, IReadOnlyList<IReadOnlyDictionary<string, string?>> Records)> PostRequestAsync(IEnumerable<KeyValuePair<string, string>> fields)
    {
        using var content = new FormUrlEncodedContent([new("jurisdiction_id", jurisdiction), .. fields]);
        using var response = await http.PostAsync($"/open311/v2/requests.{format}", content);
        return ((int)response.StatusCode, Read(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>A single object (discovery, service definition) as raw text, for documents that are not lists.</summary>
    public async Task<string> GetRawAsync(string resource)
    {
        using var response = await http.GetAsync($"/open311/v2/{resource}.{format}?jurisdiction_id={jurisdiction}");
        return await response.Content.ReadAsStringAsync();
    }

    private IReadOnlyList<IReadOnlyDictionary<string, string?>> Read(string body)
    {
        if (format == "xml")
        {
            return [.. XDocument.Parse(body).Root!.Elements().Select(record =>
                (IReadOnlyDictionary<string, string?>)record.Elements().ToDictionary(e => e.Name.LocalName, e => e.HasElements || e.IsEmpty ? null : e.Value))];
        }

        using var document = JsonDocument.Parse(body);
        return [.. document.RootElement.EnumerateArray().Select(record =>
            (IReadOnlyDictionary<string, string?>)record.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.ValueKind switch
            {
                JsonValueKind.Null => null,
                JsonValueKind.String => p.Value.GetString(),
                _ => p.Value.GetRawText(),
            }))];
    }
}
