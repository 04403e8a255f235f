using WebKita.Testing;

namespace WebKita.Photos.Tests.Storage;

/// <summary>One private Azurite for the Azure blob store tests of a class.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    /// <summary>The newest blob service version Azurite 3.37 accepts (the SDK's default is newer).</summary>
    public const string ServiceVersion = "2026-06-06";

    public AzuriteServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await AzuriteServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}
