namespace WebKita.Photos.Pipeline;

/// <summary>Why an upload was not made into a photo. The api reports it as <c>photo.{reason}</c> in snake case.</summary>
public enum RefusalReason
{
    Empty,
    TooLarge,
    NotAnImage,
    FormatNotAllowed,
    TooManyPixels,
    TooManyFrames,
    TooMuchMetadata,
    Damaged,
    TimedOut,
}
