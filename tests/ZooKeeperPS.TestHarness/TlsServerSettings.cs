using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>ZooKeeper's ssl.clientAuth: whether the TLS port asks clients for a certificate.</summary>
    public enum TlsClientAuth
    {
        /// <summary>No client certificate is asked for.</summary>
        None,

        /// <summary>A client certificate is asked for but not required.</summary>
        Want,

        /// <summary>The handshake fails without a client certificate signed by the test CA (mutual TLS, the x509 scheme).</summary>
        Need,
    }

    /// <summary>
    /// The TLS client port of a test server: NettyServerCnxnFactory on secureClientPort (127.0.0.1 only) beside the plain
    /// client port, the key store made from <see cref="ServerCertificate"/>'s PFX and the trust store from the test CA.
    /// A client that presents a certificate is known by the x509 scheme as its subject DN (<see cref="TestCertificate.Subject"/>).
    /// </summary>
    public sealed class TlsServerSettings
    {
        // ZooKeeper 3.8's default cipher list has TLS 1.2 suites only, which silently disables TLS 1.3.
        private static readonly string[] CipherSuites =
        {
            "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        };

        private readonly object probeLock = new object();
        private TestCertificate? probeCertificate;

        public TlsServerSettings(TestCertificates certificates)
        {
            Certificates = certificates ?? throw new ArgumentNullException(nameof(certificates));
            ServerCertificate = certificates.Server;
        }

        /// <summary>The test CA (the server's trust store for client certificates) and its certificates.</summary>
        public TestCertificates Certificates { get; }

        /// <summary>
        /// What the server presents: <see cref="TestCertificates.Server"/> by default; an expired, wrong-host or unknown-CA
        /// certificate from <see cref="TestCertificates"/> for the tests that a client refuses it.
        /// </summary>
        public TestCertificate ServerCertificate { get; set; }

        /// <summary>ssl.clientAuth; None by default (ZooKeeper's own default is Need).</summary>
        public TlsClientAuth ClientAuth { get; set; } = TlsClientAuth.None;

        /// <summary>The TLS versions the server accepts (ssl.enabledProtocols): TLSv1.3 and TLSv1.2 unless a test narrows them.</summary>
        public IList<string> Protocols { get; } = new List<string> { "TLSv1.3", "TLSv1.2" };

        /// <summary>The client certificate the harness itself presents when it checks that the TLS port serves (made once, on first use).</summary>
        internal TestCertificate ProbeCertificate()
        {
            lock (probeLock)
            {
                return probeCertificate ??= Certificates.CreateClientCertificate("zkps-harness-probe");
            }
        }

        internal IEnumerable<KeyValuePair<string, string>> ZooCfgSettings(int securePort)
        {
            if (Protocols.Count == 0)
            {
                throw new InvalidOperationException("TlsServerSettings.Protocols is empty: name at least one TLS version.");
            }

            // zoo.cfg keys that ZooKeeper does not know itself (ssl.*) become zookeeper.ssl.* system properties inside
            // the JVM, so the key store password is in the server's own folder and not on its command line.
            return new Dictionary<string, string>
            {
                ["serverCnxnFactory"] = "org.apache.zookeeper.server.NettyServerCnxnFactory",
                ["secureClientPort"] = securePort.ToString(CultureInfo.InvariantCulture),
                ["secureClientPortAddress"] = "127.0.0.1",
                ["ssl.keyStore.location"] = ServerCertificate.PfxPath.Replace('\\', '/'),
                ["ssl.keyStore.password"] = ServerCertificate.PfxPassword,
                ["ssl.keyStore.type"] = "PKCS12",
                ["ssl.trustStore.location"] = Certificates.CaCertificatePath.Replace('\\', '/'),
                ["ssl.trustStore.type"] = "PEM",
                ["ssl.clientAuth"] = ClientAuth.ToString().ToLowerInvariant(),
                // The SSLContext protocol is the newest one asked for; the enabled list lets older ones negotiate too.
                ["ssl.protocol"] = Protocols.Contains("TLSv1.3") ? "TLSv1.3" : Protocols[0],
                ["ssl.enabledProtocols"] = string.Join(",", Protocols),
                ["ssl.ciphersuites"] = string.Join(",", CipherSuites),
                // Named explicitly so that releases which do not register it by default still map certificates to x509 ids.
                ["authProvider.x509"] = "org.apache.zookeeper.server.auth.X509AuthenticationProvider",
            };
        }
    }
}
