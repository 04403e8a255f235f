namespace WebKita.Photos.Pipeline;

/// <summary>Either a processed photo or the reason it was refused; never both.</summary>
public sealed record PhotoOutcome
{
    private PhotoOutcome(ProcessedPhoto? photo, PhotoRefusal? refusal)
    {
        Photo = photo;
        Refusal = refusal;
    }

    public ProcessedPhoto? Photo { get; }

    public PhotoRefusal? Refusal { get; }

    public static PhotoOutcome Made(ProcessedPhoto photo) => new(photo, null);

    public static PhotoOutcome Refused(RefusalReason reason, string detail) => new(null, new PhotoRefusal(reason, detail));
}
