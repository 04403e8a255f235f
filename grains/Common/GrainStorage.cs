namespace WebKita.Grains.Common;

/// <summary>The grain storage every grain's state lives in; the silo configures the provider behind the name.</summary>
public static class GrainStorage
{
    /// <summary>
    /// Use as <c>[PersistentState("&lt;unique-state-name&gt;", GrainStorage.Name)]</c>. Rows are keyed by
    /// grain id and state name, so give every persistent state of a grain its own name.
    /// </summary>
    public const string Name = "webkita";
}
