using WebKita.Cluster.Tests.Support;
using Xunit.Abstractions;

namespace WebKita.Cluster.Tests.Contract;

public sealed class AzureStorageProviderSetTests(ITestOutputHelper output) : ProviderSetContract(new AzuriteStore(), output);
