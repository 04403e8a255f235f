namespace WebKita.Mqtt.Subscribing;

/// <summary>Client-side checks of topic names and filters (§4.7), so a bad one fails at the call, not as a broker disconnect.</summary>
public static class TopicFilter
{
    private const string SharePrefix = "$share/";

    public static void ValidateFilter(string filter)
    {
        ArgumentException.ThrowIfNullOrEmpty(filter);
        var levels = filter;
        if (filter.StartsWith(SharePrefix, StringComparison.Ordinal))
        {
            var rest = filter[SharePrefix.Length..];
            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == rest.Length - 1 || rest[..slash].AsSpan().IndexOfAny('+', '#') >= 0)
            {
                throw new ArgumentException($"shared subscription '{filter}' must be $share/<group>/<filter> with a group without wildcards", nameof(filter));
            }

            levels = rest[(slash + 1)..];
        }

        var parts = levels.Split('/');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if ((part.Contains('#', StringComparison.Ordinal) && (part != "#" || i != parts.Length - 1))
                || (part.Contains('+', StringComparison.Ordinal) && part != "+"))
            {
                throw new ArgumentException($"topic filter '{filter}': wildcards must fill a whole level and '#' must be last", nameof(filter));
            }
        }
    }

    public static void ValidateName(string topic)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        if (topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            throw new ArgumentException($"topic name '{topic}' must not contain wildcards", nameof(topic));
        }
    }
}
