using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;

namespace WebKita.Api.Problems;

/// <summary>
/// Bounds every request body at the boundary, before any grain or store sees it, and answers 400
/// naming the field (e.g. <c>children[1].firstName</c>):
/// <list type="bullet">
/// <item>no control characters (U+0000 to U+001F, U+007F to U+009F) and no lone surrogates in any
/// string: PostgreSQL cannot store U+0000 and refuses a whole transaction over it; free text
/// (<see cref="FreeText"/>) may hold line breaks and tabs;</item>
/// <item>free text at most <see cref="MaxFreeText"/> characters, any other string at most <see cref="MaxString"/>;</item>
/// <item>points in time (registration windows, deadlines) between the years <see cref="FirstYear"/> and
/// <see cref="LastYear"/>; calendar dates such as birth dates are checked by their own endpoints.</item>
/// </list>
/// Passwords are exempt from the character rule: they are only hashed, never stored or shown.
/// Stateless; thread-safe.
/// </summary>
public sealed class InputBoundsFilter : IEndpointFilter
{
    public const int MaxFreeText = 1_000;
    public const int MaxString = 2_000;
    public const int FirstYear = 2000;
    public const int LastYear = 2100;

    /// <summary>Properties whose values are prose written by people: reasons, notes, comments, addresses.</summary>
    public static readonly IReadOnlySet<string> FreeText = new HashSet<string>(StringComparer.Ordinal) { "Reason", "Note", "Text", "Address" };

    private static readonly IReadOnlySet<string> Secrets = new HashSet<string>(StringComparer.Ordinal) { "Password", "CurrentPassword", "NewPassword" };
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> PropertiesByType = new();

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            // Request bodies are the api's *Request records; services and framework arguments are not walked.
            if (argument is not null && argument.GetType() is { Name: var name } type && name.EndsWith("Request", StringComparison.Ordinal)
                && IsRequestType(type) && Check(argument, depth: 0) is { } error)
            {
                return ValueTask.FromResult<object?>(RefusalResults.Invalid(error.Field, error.Message));
            }
        }

        return next(context);
    }

    private static bool IsRequestType(Type type) =>
        type.IsClass && type.Namespace is { } ns
        && (ns.StartsWith("WebKita.Api.", StringComparison.Ordinal) || ns.StartsWith("WebKita.Grains.", StringComparison.Ordinal));

    // Field names are built only for the error, on the way out, so a valid request costs no strings.
    private static (string Field, string Message)? Check(object value, int depth)
    {
        if (depth > 8)
        {
            return null;
        }

        foreach (var property in PropertiesByType.GetOrAdd(value.GetType(), t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(value) is not { } item)
            {
                continue;
            }

            if (CheckItem(item, property.Name, depth) is { } error)
            {
                return (JsonNamingPolicy.CamelCase.ConvertName(property.Name) + Below(error.Field), error.Message);
            }
        }

        return null;
    }

    /// <summary>An error in <paramref name="item"/>, its field relative to the item ("" for the item itself).</summary>
    private static (string Field, string Message)? CheckItem(object item, string name, int depth)
    {
        switch (item)
        {
            case string text:
                return CheckString(text, name) is { } message ? ("", message) : null;
            case DateTimeOffset { Year: < FirstYear or > LastYear }:
            case DateTime { Year: < FirstYear or > LastYear }:
                return ("", $"must lie between the years {FirstYear} and {LastYear}");
            case IEnumerable list and not IDictionary:
                var index = 0;
                foreach (var element in list)
                {
                    if (element is not null && CheckItem(element, name, depth + 1) is { } error)
                    {
                        return ($"[{index}]{Below(error.Field)}", error.Message);
                    }

                    index++;
                }

                return null;
            default:
                return IsRequestType(item.GetType()) ? Check(item, depth + 1) : null;
        }
    }

    private static string Below(string field) => field.Length == 0 || field[0] == '[' ? field : "." + field;

    private static string? CheckString(string text, string name)
    {
        if (Secrets.Contains(name))
        {
            return null;
        }

        var freeText = FreeText.Contains(name);
        var max = freeText ? MaxFreeText : MaxString;
        if (text.Length > max)
        {
            return $"must be at most {max} characters";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsControl(c) && !(freeText && c is '\n' or '\r' or '\t'))
            {
                return freeText ? "must not contain control characters other than line breaks and tabs" : "must not contain control characters";
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "must be valid Unicode text";
            }
        }

        return null;
    }
}
