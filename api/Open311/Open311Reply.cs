using System.Text.Json;
using System.Xml.Linq;

namespace WebKita.Api.Open311;

/// <summary>
/// Writes an Open311 GeoReport v2 answer as JSON or XML from one shape: a list of records of
/// (element name, fields), under a root element for XML (services/service, service_requests/request,
/// errors/error). Field values are strings, numbers, booleans, nested records or lists.
/// </summary>
public static class Open311Reply
{
    public static IResult Write(string format, string root, string item, IEnumerable<IReadOnlyList<(string Name, object? Value)>> records, int status = 200)
    {
        var list = records.ToList();
        if (format == "xml")
        {
            var document = new XDocument(new XDeclaration("1.0", "utf-8", null), new XElement(root, list.Select(r => Element(item, r))));
            return Results.Text(document.Declaration + "\n" + document.Root, "text/xml; charset=utf-8", statusCode: status);
        }

        return Results.Text(JsonSerializer.Serialize(list.Select(Json).ToList()), "application/json; charset=utf-8", statusCode: status);
    }

    /// <summary>One object (discovery, a service definition) rather than a list.</summary>
    public static IResult WriteOne(string format, string root, IReadOnlyList<(string Name, object? Value)> record) =>
        format == "xml"
            ? Results.Text(new XDeclaration("1.0", "utf-8", null) + "\n" + Element(root, record), "text/xml; charset=utf-8")
            : Results.Text(JsonSerializer.Serialize(Json(record)), "application/json; charset=utf-8");

    /// <summary>The specification's error answer: a list of code and description, with the same HTTP status.</summary>
    public static IResult Error(string format, int code, string description) =>
        Write(format, "errors", "error", [[("code", code), ("description", description)]], code);

    private static XElement Element(string name, IReadOnlyList<(string Name, object? Value)> record) =>
        new(name, record.Select(field => field.Value switch
        {
            IReadOnlyList<(string, object?)> nested => Element(field.Name, nested),
            Nested list => new XElement(field.Name, list.Items.Select(i => Element(list.ItemName, i))),
            IEnumerable<string> strings => new XElement(field.Name, strings.Select(s => new XElement("value", s))),
            bool flag => new XElement(field.Name, flag ? "true" : "false"),
            null => new XElement(field.Name),
            var value => new XElement(field.Name, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture)),
        }));

    private static Dictionary<string, object?> Json(IReadOnlyList<(string Name, object? Value)> record) =>
        record.ToDictionary(f => f.Name, f => f.Value switch
        {
            IReadOnlyList<(string, object?)> nested => Json(nested),
            Nested list => list.Items.Select(Json).ToList(),
            var value => value,
        });

    /// <summary>A list of records inside a record (endpoints of discovery, attributes of a definition).</summary>
    public sealed record Nested(string ItemName, IReadOnlyList<IReadOnlyList<(string Name, object? Value)>> Items);
}
