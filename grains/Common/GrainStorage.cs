namespace WebKita.Grains.Common;

/// <summary>The grain storage every grain's state lives in; the silo configures the provider behind the name.</summary>
public static class GrainStorage
{
    public const string Name = "webkita";
}
