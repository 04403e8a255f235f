using System.Net;
using System.Net.Sockets;

namespace WebKita.Silo.Alerts;

/// <summary>
/// Keeps webhooks out of the county's own network: a URL the admin types is fetched by the
/// server, so without this guard it could reach the database, the broker or a cloud metadata
/// service (server-side request forgery). The check runs when the connection is made, on the
/// address actually dialled, so a name that resolves differently later (DNS rebinding) cannot
/// slip past a check made at registration.
/// </summary>
public static class WebhookAddresses
{
    private static readonly byte[] Nat64Prefix = [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0];

    /// <summary>Loopback, private, shared (carrier NAT), link-local (cloud metadata), unique-local, multicast and unspecified addresses.</summary>
    public static bool IsInternal(IPAddress address)
    {
        if (EmbeddedIPv4(address) is { } embedded)
        {
            address = embedded;
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6Multicast || (first & 0xFE) == 0xFC;
        }

        var b = address.GetAddressBytes();
        return b[0] is 0 or 10 or >= 224
            || (b[0] == 100 && b[1] is >= 64 and < 128)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 172 && b[1] is >= 16 and < 32)
            || (b[0] == 192 && b[1] == 168);
    }

    /// <summary>The IPv4 address inside an IPv4-mapped (::ffff:0:0/96) or NAT64 (64:ff9b::/96) address, which reach that IPv4 host.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        return address.AddressFamily == AddressFamily.InterNetworkV6 && bytes.AsSpan(0, 12).SequenceEqual(Nat64Prefix)
            ? new IPAddress(bytes.AsSpan(12))
            : null;
    }

    /// <summary>A URL whose host is written as an internal address or as localhost, refused at registration already.</summary>
    public static bool NamesInternalHost(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.IdnHost, out var address) && IsInternal(address));

    /// <summary>The webhook client: pooled connections, renewed for DNS changes; internal addresses refused unless allowed.</summary>
    public static HttpClient CreateClient(bool allowInternal)
    {
        // No proxy: the guard must see the address of the webhook's host, not of a proxy in between.
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false, UseProxy = false };
        if (!allowInternal)
        {
            handler.ConnectCallback = ConnectPublicAsync;
        }

        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
    }

    private static async ValueTask<Stream> ConnectPublicAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var target = addresses.FirstOrDefault(a => !IsInternal(a))
            ?? throw new HttpRequestException($"{context.DnsEndPoint.Host} resolves only to internal addresses; webhooks must reach a public one.");
        var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(target, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
