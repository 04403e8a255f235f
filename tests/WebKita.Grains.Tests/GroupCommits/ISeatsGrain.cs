namespace WebKita.Grains.Tests.GroupCommits;

[Alias("webkita.tests.ISeatsGrain")]
public interface ISeatsGrain : IGrainWithGuidKey
{
    [Alias("Open")]
    Task<bool> OpenAsync(int capacity);

    [Alias("Take")]
    Task<bool> TakeAsync(Guid holder);

    /// <summary>The live state, durable or not, and the writes this activation issued.</summary>
    [Alias("Live")]
    Task<(int Holders, int Writes)> LiveAsync();
}
