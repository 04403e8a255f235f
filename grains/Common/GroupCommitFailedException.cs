namespace WebKita.Grains.Common;

/// <summary>
/// A call reached a hot grain's activation after one of its writes failed; the activation is
/// deactivating and the next one reloads the stored state. Nothing of the call was decided: retry.
/// </summary>
[GenerateSerializer, Alias("webkita.GroupCommitFailedException")]
public sealed class GroupCommitFailedException : Exception
{
    public GroupCommitFailedException(Exception cause)
        : base($"A write of this activation failed ({cause.GetType().Name}: {cause.Message}); it reloads. Nothing was decided; retry.")
    {
    }

    public GroupCommitFailedException()
    {
    }

    public GroupCommitFailedException(string message)
        : base(message)
    {
    }

    public GroupCommitFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
