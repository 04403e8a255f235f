using System.Net;
using System.Net.Sockets;

namespace WebKita.Silo.Cluster;

/// <summary>Turns a configured port of 0 into a port that is free right now.</summary>
internal static class FreeTcpPort
{
    // Orleans publishes its ports in the membership table before it binds, so it cannot be handed
    // port 0. Asking the kernel for a free one and releasing it leaves a small window in which
    // another process could take it; the silo then fails to start instead of sharing it.
    public static int Or(int configured, IPAddress address)
    {
        if (configured != 0)
        {
            return configured;
        }

        using var listener = new TcpListener(address, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
