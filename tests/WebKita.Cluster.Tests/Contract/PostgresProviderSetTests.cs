using WebKita.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Contract;

public sealed class PostgresProviderSetTests(ITestOutputHelper output) : ProviderSetContract(new PostgresStore(), output);
