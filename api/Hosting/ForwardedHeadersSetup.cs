using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace WebKita.Api.Hosting;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so rate limits per address
/// would throttle the whole county at once. <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are
/// honoured only from the proxies named in <c>ForwardedHeaders:KnownProxies</c> (addresses) and
/// <c>ForwardedHeaders:KnownNetworks</c> (CIDR); from anyone else they are ignored, so a client
/// cannot choose its own address. Without configuration nothing is forwarded (not even from loopback).
/// </summary>
public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddKnownProxies(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in Values(configuration, "ForwardedHeaders:KnownProxies"))
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in Values(configuration, "ForwardedHeaders:KnownNetworks"))
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        });

    private static IEnumerable<string> Values(IConfiguration configuration, string key) =>
        configuration.GetSection(key).GetChildren().Select(c => c.Value).OfType<string>().Where(v => v.Length > 0);
}
