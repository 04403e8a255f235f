using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WebKita.Broker;
using WebKita.IotGateway.Ingestion;
using WebKita.Silo;

// The IoT gateway: a silo plus the ingestion of device messages from the broker.
// Configuration: Silo:* (store), Broker:* (host, port, accounts; passwords from the environment,
// e.g. Broker__GatewayPassword), Ingestion:* (client id, lanes, limits).
var builder = Host.CreateApplicationBuilder(args);
builder.Logging.AddSimpleConsole(console =>
{
    console.SingleLine = true;
    console.TimestampFormat = "HH:mm:ss.fff ";
});
builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(30));
builder.Services.AddSilo(builder.Configuration);
builder.Services.AddBrokerAccounts(builder.Configuration);
builder.Services.AddIngestion(builder.Configuration);

await builder.Build().RunAsync();
