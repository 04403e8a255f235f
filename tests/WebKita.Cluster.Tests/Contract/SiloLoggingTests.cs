using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Silo.Cluster;

namespace WebKita.Cluster.Tests.Contract;

public sealed class SiloLoggingTests
{
    [Fact]
    public void AddWebKitaCluster_InformationByDefault_PlacementAttemptsOnlyFromWarnings()
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Logging:LogLevel:Default"] = "Information",
            ["Silo:Store"] = "Sqlite",
            ["Silo:ConnectionString"] = $"Data Source={Path.Combine(Path.GetTempPath(), $"webkita-logging-{Guid.NewGuid():N}.db")}",
        });
        builder.UseOrleans(silo => silo.AddWebKitaCluster(builder.Configuration));
        using var host = builder.Build();

        var loggers = host.Services.GetRequiredService<ILoggerFactory>();
        loggers.CreateLogger("Polly").IsEnabled(LogLevel.Information).Should().BeFalse("every placement would log two lines");
        loggers.CreateLogger("Polly").IsEnabled(LogLevel.Warning).Should().BeTrue("retries and failures must still show");
        loggers.CreateLogger("WebKita.Silo").IsEnabled(LogLevel.Information).Should().BeTrue();
    }
}
