using System.Net;
using System.Net.Sockets;

namespace Regurgitate.Testing;

/// <summary>A loopback port nobody listens on right now, for a server a test starts (fake providers, PostgreSQL, the app).</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
