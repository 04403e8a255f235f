using System.Net.Http.Headers;

namespace WebKita.Testing.ApiProcesses;

/// <summary>
/// An <see cref="ApiCounty"/> on an <see cref="ApiCluster"/>: a school with a staff member, set up
/// through the first running process, and HTTP clients on any process that carry the admin's or
/// the staff member's token (every process honours them, also after restarts, which change a
/// process's HTTP port: ask for new clients then). Disposes the clients it made.
/// </summary>
public sealed class ClusterCounty : IDisposable
{
    private readonly List<HttpClient> _clients = [];
    private readonly AuthenticationHeaderValue _admin;
    private readonly AuthenticationHeaderValue _staff;

    private ClusterCounty(Guid schoolId, AuthenticationHeaderValue admin, AuthenticationHeaderValue staff)
    {
        SchoolId = schoolId;
        _admin = admin;
        _staff = staff;
    }

    public Guid SchoolId { get; }

    public static async Task<ClusterCounty> CreateAsync(ApiCluster cluster, CancellationToken cancellationToken)
    {
        using var admin = NewClient(cluster[cluster.Running.First()].BaseAddress, 2);
        admin.DefaultRequestHeaders.Authorization = await ApiCounty.SignInAdminAsync(admin, cancellationToken);
        var (schoolId, staff) = await ApiCounty.CreateStaffedSchoolAsync(admin, cancellationToken);
        return new ClusterCounty(schoolId, admin.DefaultRequestHeaders.Authorization, staff);
    }

    /// <summary>A first-come-first-served offering of the county's school, open from <paramref name="opensAt"/>, created through the first running process.</summary>
    public Task<Guid> CreateOfferingAsync(ApiCluster cluster, int capacity, DateTimeOffset opensAt, CancellationToken cancellationToken) =>
        ApiCounty.CreateOfferingAsync(ClientOn(cluster[cluster.Running.First()], _admin, 2), SchoolId, capacity, opensAt, cancellationToken);

    /// <summary>One staff client per slot of <paramref name="cluster"/>; every slot must be running.</summary>
    public IReadOnlyList<HttpClient> StaffClients(ApiCluster cluster, int connectionsPerProcess) =>
        [.. Enumerable.Range(0, cluster.Size).Select(i => StaffClient(cluster[i], connectionsPerProcess))];

    /// <summary>A staff client on <paramref name="process"/>.</summary>
    public HttpClient StaffClient(ApiProcess process, int connections) => ClientOn(process, _staff, connections);

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }

    private HttpClient ClientOn(ApiProcess process, AuthenticationHeaderValue token, int connections)
    {
        var client = NewClient(process.BaseAddress, connections);
        client.DefaultRequestHeaders.Authorization = token;
        _clients.Add(client);
        return client;
    }

    // No retries of its own and a timeout longer than Orleans' response timeout (30 s), so that a
    // call stuck on a dead silo shows as Orleans' answer rather than as the client giving up.
    private static HttpClient NewClient(Uri baseAddress, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(45),
        };
}
