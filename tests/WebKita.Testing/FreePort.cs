using System.Net;
using System.Net.Sockets;

namespace WebKita.Testing;

/// <summary>Free loopback TCP ports for servers that tests start.</summary>
public static class FreePort
{
    /// <summary>
    /// A loopback port that was free a moment ago. Another process may take it before the
    /// caller binds it; servers started on it should retry with a new port when the bind fails.
    /// Thread-safe.
    /// </summary>
    public static int Next()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}
