using System;
using System.Collections.Generic;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>Settings for the ZooKeeper servers that the harness starts.</summary>
    public sealed class ZooKeeperServerOptions
    {
        /// <summary>ZooKeeper's base time unit. Short so that session expiry (minimum 2 ticks) stays fast in tests.</summary>
        public int TickTimeMilliseconds { get; set; } = 500;

        /// <summary>How long a start may take before it fails with the tail of the server log.</summary>
        public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(90);

        /// <summary>Maximum JVM heap in MiB.</summary>
        public int MaxHeapMegabytes { get; set; } = 256;

        /// <summary>Extra zoo.cfg lines (key=value); they override the harness defaults.</summary>
        public IDictionary<string, string> Config { get; } = new Dictionary<string, string>();

        /// <summary>Extra JVM system properties (-Dkey=value); they override the harness defaults.</summary>
        public IDictionary<string, string> SystemProperties { get; } = new Dictionary<string, string>();

        /// <summary>
        /// A TLS client port (secureClientPort, through Netty) besides the plain one, with the certificates and the client
        /// certificate policy given; null (the default) for none.
        /// </summary>
        public TlsServerSettings? Tls { get; set; }

        /// <summary>SASL authentication of clients, DIGEST-MD5 or Kerberos (GSSAPI); null (the default) for none.</summary>
        public SaslServerSettings? Sasl { get; set; }

        /// <summary>
        /// The AdminServer (Jetty, from Debian's libjetty9-java) on a free loopback port, <see cref="ZooKeeperServer.AdminPort"/>;
        /// off (the default) otherwise.
        /// </summary>
        public bool AdminServer { get; set; }

        /// <summary>
        /// Dynamic reconfiguration (reconfigEnabled=true) for an ensemble: its server lines carry their role and client
        /// address, as a dynamic configuration does, so that members can be added and removed.
        /// </summary>
        public bool ReconfigEnabled { get; set; }
    }
}
