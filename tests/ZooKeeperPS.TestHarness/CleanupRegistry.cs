using System;
using System.Collections.Concurrent;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// Remembers everything of the harness that may still run or hold temp files (servers, KDCs, certificate folders)
    /// so that none outlives the test process, even when a test forgets Dispose or fails before it: the last resort is
    /// AppDomain.ProcessExit.
    /// </summary>
    internal static class CleanupRegistry
    {
        private static readonly ConcurrentDictionary<IDisposable, bool> Owned = new ConcurrentDictionary<IDisposable, bool>();

        static CleanupRegistry()
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => DisposeAll();
        }

        public static void Add(IDisposable owned) => Owned[owned] = true;

        public static void Remove(IDisposable owned) => Owned.TryRemove(owned, out _);

        private static void DisposeAll()
        {
            foreach (IDisposable owned in Owned.Keys)
            {
                try
                {
                    owned.Dispose();
                }
                catch (Exception)
                {
                    // The process is exiting: keep going so the remaining ones are cleaned up too.
                }
            }
        }
    }
}
