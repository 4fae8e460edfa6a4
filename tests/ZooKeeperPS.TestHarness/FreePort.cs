using System.Net;
using System.Net.Sockets;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>Finds unused loopback ports by letting the operating system pick one.</summary>
    internal static class FreePort
    {
        public static int Next()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            try
            {
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            finally
            {
                listener.Stop();
            }
        }
    }
}
