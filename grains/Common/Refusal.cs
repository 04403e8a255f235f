namespace WebKita.Grains.Common;

/// <summary>
/// An expected "no" from a grain: a stable reason code for machines, a sentence for people, and,
/// where the input was at fault, the fields concerned.
/// </summary>
[GenerateSerializer, Immutable, Alias("webkita.Refusal")]
public sealed record Refusal(string Code, string Message, IReadOnlyList<FieldProblem>? Fields = null);
