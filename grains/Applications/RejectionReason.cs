using WebKita.Grains.Common;

namespace WebKita.Grains.Applications;

/// <summary>Why staff rejected an application: the family is shown it, so it must say something and fit a letter.</summary>
public static class RejectionReason
{
    public const int MaxLength = 500;

    /// <summary>The refusal for an empty or too long reason, else null.</summary>
    public static Refusal? Problem(string? reason) =>
        reason?.Trim() is { Length: > 0 and <= MaxLength }
            ? null
            : new Refusal("reason.required", $"A rejection needs a reason of 1 to {MaxLength} characters.", [new FieldProblem("reason", $"must be 1 to {MaxLength} characters")]);
}
