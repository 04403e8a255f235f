using System.Net.Http.Headers;

namespace WebKita.Testing;

/// <summary>
/// An <see cref="ApiCounty"/> on an <see cref="ApiCluster"/>: a school with a staff member, set up
/// through the first running process, and HTTP clients for every slot that carry the staff
/// member's token (any process honours it, also after restarts). Dispose the clients.
/// </summary>
public sealed class ClusterCounty : IDisposable
{
    private readonly List<HttpClient> _clients = [];

    private ClusterCounty(HttpClient admin, Guid schoolId, AuthenticationHeaderValue staff)
    {
        Admin = admin;
        SchoolId = schoolId;
        StaffToken = staff;
        _clients.Add(admin);
    }

    /// <summary>A county admin's client on the process the county was set up through.</summary>
    public HttpClient Admin { get; }

    public Guid SchoolId { get; }

    public AuthenticationHeaderValue StaffToken { get; }

    public static async Task<ClusterCounty> CreateAsync(ApiCluster cluster, CancellationToken cancellationToken)
    {
        var admin = NewClient(cluster[cluster.Running.First()].BaseAddress, 16);
        admin.DefaultRequestHeaders.Authorization = await ApiCounty.SignInAdminAsync(admin, cancellationToken);
        var (schoolId, staff) = await ApiCounty.CreateStaffedSchoolAsync(admin, cancellationToken);
        return new ClusterCounty(admin, schoolId, staff);
    }

    /// <summary>A first-come-first-served offering of the county's school, open from <paramref name="opensAt"/>.</summary>
    public Task<Guid> CreateOfferingAsync(int capacity, DateTimeOffset opensAt, CancellationToken cancellationToken) =>
        ApiCounty.CreateOfferingAsync(Admin, SchoolId, capacity, opensAt, cancellationToken);

    /// <summary>
    /// One staff client per slot of <paramref name="cluster"/> as it runs now (a restarted process
    /// listens on a new HTTP port, so ask again after restarts); every slot must be running.
    /// </summary>
    public IReadOnlyList<HttpClient> StaffClients(ApiCluster cluster, int connectionsPerProcess)
    {
        return [.. Enumerable.Range(0, cluster.Size).Select(i => StaffClient(cluster[i], connectionsPerProcess))];
    }

    /// <summary>A staff client on <paramref name="process"/>.</summary>
    public HttpClient StaffClient(ApiProcess process, int connections)
    {
        var client = NewClient(process.BaseAddress, connections);
        client.DefaultRequestHeaders.Authorization = StaffToken;
        _clients.Add(client);
        return client;
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }
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
