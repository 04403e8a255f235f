namespace WebKita.Silo.Cluster;

/// <summary>The one grain storage provider of every provider set.</summary>
public static class WebKitaStorage
{
    /// <summary>
    /// Use as <c>[PersistentState("&lt;unique-state-name&gt;", WebKitaStorage.Name)]</c>. Rows are keyed by
    /// grain id and state name, so give every persistent state of a grain its own name.
    /// </summary>
    public const string Name = "webkita";
}
