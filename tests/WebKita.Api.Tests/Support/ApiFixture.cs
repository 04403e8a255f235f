namespace WebKita.Api.Tests.Support;

/// <summary>One api on a fresh database for a test class; tests create their own schools and offerings in it.</summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private WebKitaApiFactory? _factory;

    public WebKitaApiFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync() => _factory = await WebKitaApiFactory.CreateAsync();

    public async Task DisposeAsync()
    {
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
