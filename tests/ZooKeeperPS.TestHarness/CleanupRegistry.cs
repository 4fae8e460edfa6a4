using System;
using System.Collections.Concurrent;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// Remembers every server that may be running so that none outlives the test process, even when a test forgets
    /// Dispose or fails before it: the last resort is AppDomain.ProcessExit.
    /// </summary>
    internal static class ServerRegistry
    {
        private static readonly ConcurrentDictionary<ZooKeeperServer, bool> Servers = new ConcurrentDictionary<ZooKeeperServer, bool>();

        static ServerRegistry()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
        }

        public static void Add(ZooKeeperServer server) => Servers[server] = true;

        public static void Remove(ZooKeeperServer server) => Servers.TryRemove(server, out _);

        private static void DisposeAll()
        {
            foreach (ZooKeeperServer server in Servers.Keys)
            {
                try
                {
                    server.Dispose();
                }
                catch (Exception)
                {
                    // The process is exiting: keep going so the remaining servers are stopped too.
                }
            }
        }
    }
}
