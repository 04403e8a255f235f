namespace WebKita.Api.Tests.Support;

/// <summary>
/// One api on a fresh database for a test class, and a client signed in as its county admin;
/// tests create their own schools and offerings in it.
/// </summary>
public sealed class ApiFixture : IAsyncLifetime
{
    private WebKitaApiFactory? _factory;
    private WebKitaClient? _admin;

    public WebKitaApiFactory Factory => _factory ?? throw new InvalidOperationException("The fixture is not initialized.");

    /// <summary>Signed in as the county admin, who may do everything in the tenant, paper applications included.</summary>
    public WebKitaClient Admin => _admin ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        _factory = await WebKitaApiFactory.CreateAsync();
        _admin = await _factory.CreateAdminClientAsync();
    }

    public async Task DisposeAsync()
    {
        _admin?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
    }
}
