namespace WebKita.Photos.Pipeline;

/// <summary>An upload refused, with the reason and the figures that decided it.</summary>
public sealed record PhotoRefusal(RefusalReason Reason, string Detail)
{
    /// <summary>The problem type suffix, e.g. <c>photo.too_many_pixels</c>.</summary>
    public string Code => "photo." + string.Concat(Reason.ToString().Select((c, i) => i > 0 && char.IsUpper(c) ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
