namespace WebKita.Grains.Common;

/// <summary>One invalid field of a command, named as the caller named it.</summary>
[GenerateSerializer, Immutable, Alias("webkita.FieldProblem")]
public sealed record FieldProblem(string Field, string Message);
