using System.Globalization;
using System.Net;

namespace WebKita.Testing.ApiProcesses;

/// <summary>
/// Several api processes on one PostgreSQL database whose co-hosted silos form one Orleans cluster
/// (a cluster and service id of their own), each on free loopback ports, with the membership
/// settings given as configuration (<see cref="FastFailureDetection"/> unless the caller says
/// otherwise). Each process keeps its silo and gateway port for the cluster's lifetime, so one
/// started again in its slot declares its SIGKILLed predecessor dead at once. Not thread-safe.
/// </summary>
public sealed class ApiCluster : IAsyncDisposable
{
    private const string MembershipPrefix = "Silo__Membership__";
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    private readonly string _connectionString;
    private readonly IReadOnlyDictionary<string, string> _settings;
    private readonly (int Silo, int Gateway)[] _ports;
    private readonly ApiProcess?[] _processes;
    private bool _ranBefore;

    private ApiCluster(string connectionString, IReadOnlyDictionary<string, string> settings, int size)
    {
        _connectionString = connectionString;
        _settings = settings;
        _ports = [.. Enumerable.Range(0, size).Select(_ => (FreePort.Next(), FreePort.Next()))];
        _processes = new ApiProcess?[size];
    }

    /// <summary>
    /// SERVICES.md's measured fast failure detection (a SIGKILLed silo declared dead in 1.4-1.9 s
    /// instead of 7-12 s), as the environment variables a deployment would set.
    /// </summary>
    public static IReadOnlyDictionary<string, string> FastFailureDetection { get; } = new Dictionary<string, string>
    {
        ["Silo__Membership__ProbeTimeout"] = "00:00:01",
        ["Silo__Membership__NumMissedProbesLimit"] = "2",
        ["Silo__Membership__NumVotesForDeathDeclaration"] = "1",
        ["Silo__Membership__TableRefreshTimeout"] = "00:00:02",
    };

    public string ClusterId { get; } = $"cluster-{Guid.NewGuid():N}"[..20];

    public int Size => _processes.Length;

    /// <summary>The cluster's database, for reading back what the store itself holds.</summary>
    public string ConnectionString => _connectionString;

    /// <summary>The process in slot <paramref name="index"/>; throws while that slot is down.</summary>
    public ApiProcess this[int index] => _processes[index] ?? throw new InvalidOperationException($"Api process {index} is down.");

    /// <summary>The slots whose process runs.</summary>
    public IEnumerable<int> Running => Enumerable.Range(0, Size).Where(i => _processes[i] is { HasExited: false });

    /// <summary>Where an Orleans client reaches the silos (static gateway list), down ones included.</summary>
    public IReadOnlyList<IPEndPoint> Gateways => [.. _ports.Select(p => new IPEndPoint(IPAddress.Loopback, p.Gateway))];

    /// <summary>The silo port of each slot, the port a <c>SiloAddress</c> of that slot's silo carries.</summary>
    public IReadOnlyList<int> SiloPorts => [.. _ports.Select(p => p.Silo)];

    /// <summary>The membership settings in force, for printing: <c>ProbeTimeout=00:00:01, …</c>.</summary>
    public string MembershipDescription => _settings.Keys.Any(k => k.StartsWith(MembershipPrefix, StringComparison.Ordinal))
        ? string.Join(", ", _settings.Where(s => s.Key.StartsWith(MembershipPrefix, StringComparison.Ordinal)).Select(s => $"{s.Key[MembershipPrefix.Length..]}={s.Value}"))
        : "Orleans' defaults";

    /// <param name="settings">Configuration for every process as environment variables (<c>Section__Key</c>).</param>
    /// <param name="membership">Orleans' membership settings (<c>Silo__Membership__*</c>); <see cref="FastFailureDetection"/> when null, Orleans' defaults when empty.</param>
    public static async Task<ApiCluster> StartAsync(
        string connectionString, int size, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? membership = null)
    {
        var all = new Dictionary<string, string>(settings);
        foreach (var (name, value) in membership ?? FastFailureDetection)
        {
            all[name] = value;
        }

        var cluster = new ApiCluster(connectionString, all, size);
        try
        {
            await cluster.StartAllAsync(cancellationToken);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Starts every slot that is down. On a fresh store the first starts alone (it creates the
    /// schema and the bootstrap admin, which the others then find), the rest at once. A cluster
    /// that ran before starts all at once: each process takes over its predecessor's silo port
    /// and so declares it dead at once, while a silo started alone would join a table still
    /// listing its dead peers as active.
    /// </summary>
    public async Task StartAllAsync(CancellationToken cancellationToken)
    {
        var down = Enumerable.Range(0, Size).Where(i => _processes[i] is null).ToList();
        if (down.Count == 0)
        {
            return;
        }

        if (!_ranBefore)
        {
            await StartAsync(down[0], cancellationToken);
            down.RemoveAt(0);
        }

        await Task.WhenAll(down.Select(i => StartAsync(i, cancellationToken)));
    }

    /// <summary>Starts the process of slot <paramref name="index"/>, on that slot's silo and gateway port.</summary>
    public async Task StartAsync(int index, CancellationToken cancellationToken)
    {
        if (_processes[index] is not null)
        {
            throw new InvalidOperationException($"Api process {index} is already running.");
        }

        var settings = new Dictionary<string, string>(_settings)
        {
            ["Silo__Cluster__ClusterId"] = ClusterId,
            ["Silo__Cluster__ServiceId"] = ClusterId,
            ["Silo__Cluster__SiloPort"] = _ports[index].Silo.ToString(CultureInfo.InvariantCulture),
            ["Silo__Cluster__GatewayPort"] = _ports[index].Gateway.ToString(CultureInfo.InvariantCulture),
        };
        _processes[index] = await ApiProcess.StartAsync(_connectionString, settings, cancellationToken);
        _ranBefore = true;
    }

    /// <summary>SIGKILLs the process of slot <paramref name="index"/> and returns once it is gone; the slot is then down.</summary>
    public async Task KillAsync(int index)
    {
        var process = this[index];
        process.Kill();
        await process.WaitForExitAsync(ExitTimeout);
        _processes[index] = null;
        await process.DisposeAsync();
    }

    /// <summary>SIGKILLs every running process: the whole cluster is down, its store stays.</summary>
    public async Task KillAllAsync()
    {
        foreach (var index in Running.ToList())
        {
            await KillAsync(index);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes.OfType<ApiProcess>())
        {
            await process.DisposeAsync();
        }

        Array.Clear(_processes);
    }
}
