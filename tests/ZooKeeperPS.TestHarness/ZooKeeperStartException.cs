using System;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>A ZooKeeper server did not come up; the message carries the tail of its log.</summary>
    public sealed class ZooKeeperStartException : Exception
    {
        internal ZooKeeperStartException(string message, bool portInUse)
            : base(message)
        {
            PortInUse = portInUse;
        }

        /// <summary>True when the server died because another process took one of its ports first; a retry on new ports can succeed.</summary>
        internal bool PortInUse { get; }
    }
}
