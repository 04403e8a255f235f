using WebKita.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Contract;

public sealed class SqliteProviderSetTests(ITestOutputHelper output) : ProviderSetContract(new SqliteStore(), output);
