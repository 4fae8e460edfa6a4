using System;
using System.IO;
using System.Threading;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// A throwaway test CA in a temp folder of its own, with a server certificate for localhost and 127.0.0.1, and
    /// the certificates the TLS tests need made on request: client certificates (each its own x509 identity), an
    /// expired server certificate, one for a wrong host name and one from a CA that no client trusts.
    /// <see cref="Dispose"/> deletes the folder.
    /// </summary>
    public sealed class TestCertificates : IDisposable
    {
        /// <summary>The O= of every subject the harness makes.</summary>
        public const string Organization = "ZooKeeperPS Test";

        /// <summary>The host name of <see cref="CreateWrongHostServerCertificate"/>: a name that no test server answers to.</summary>
        public const string WrongHostName = "wrong-host.zkps.test";

        private static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

        // Valid from a little in the past, so that a clock that moves between signing and checking changes nothing.
        private static readonly TimeSpan Backdating = TimeSpan.FromHours(1);

        private static readonly string[] ServerExtensions =
        {
            "basicConstraints = CA:FALSE",
            "keyUsage = critical, digitalSignature",
            "extendedKeyUsage = serverAuth",
            "subjectKeyIdentifier = hash",
            "authorityKeyIdentifier = keyid",
            "subjectAltName = DNS:localhost, IP:127.0.0.1",
        };

        private readonly CertificateAuthority trustedCa;
        private readonly object unknownCaLock = new object();
        private CertificateAuthority? unknownCa;
        private int issued;
        private bool disposed;

        private TestCertificates(string directory, CertificateAuthority trustedCa)
        {
            Directory = directory;
            this.trustedCa = trustedCa;
            Server = Issue(trustedCa, "localhost", ServerExtensions, expired: false);
        }

        /// <summary>The temp folder that holds every file made here.</summary>
        public string Directory { get; }

        /// <summary>The test CA's certificate (PEM): what clients trust, and the server's trust store for client certificates.</summary>
        public string CaCertificatePath => trustedCa.CertificatePath;

        /// <summary>CN=localhost with SAN DNS:localhost and IP:127.0.0.1, signed by the test CA: the default server certificate.</summary>
        public TestCertificate Server { get; }

        /// <summary>Makes the CA and the server certificate in a new temp folder (with openssl; about a tenth of a second).</summary>
        public static TestCertificates Create()
        {
            string directory = Path.Combine(Path.GetTempPath(), "zkps-certs-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            System.IO.Directory.CreateDirectory(directory);
            try
            {
                var authority = CertificateAuthority.Create(Path.Combine(directory, "ca"), "ZooKeeperPS Test CA");
                var certificates = new TestCertificates(directory, authority);
                CleanupRegistry.Add(certificates);
                return certificates;
            }
            catch
            {
                System.IO.Directory.Delete(directory, recursive: true);
                throw;
            }
        }

        /// <summary>
        /// A client certificate (extended key usage clientAuth) signed by the test CA, subject "CN=&lt;commonName&gt;,O=ZooKeeperPS Test".
        /// Two of them with different names are two x509 identities: one an ACL admits, one it refuses.
        /// </summary>
        public TestCertificate CreateClientCertificate(string commonName) =>
            Issue(trustedCa, commonName, new[]
            {
                "basicConstraints = CA:FALSE",
                "keyUsage = critical, digitalSignature",
                "extendedKeyUsage = clientAuth",
                "subjectKeyIdentifier = hash",
                "authorityKeyIdentifier = keyid",
            }, expired: false);

        /// <summary>The server certificate for localhost and 127.0.0.1, signed by the test CA, but valid only from two days ago to yesterday.</summary>
        public TestCertificate CreateExpiredServerCertificate() => Issue(trustedCa, "localhost", ServerExtensions, expired: true);

        /// <summary>A server certificate signed by the test CA for <see cref="WrongHostName"/> only (no localhost, no IP address).</summary>
        public TestCertificate CreateWrongHostServerCertificate() =>
            Issue(trustedCa, WrongHostName, new[]
            {
                "basicConstraints = CA:FALSE",
                "keyUsage = critical, digitalSignature",
                "extendedKeyUsage = serverAuth",
                "subjectKeyIdentifier = hash",
                "authorityKeyIdentifier = keyid",
                "subjectAltName = DNS:" + WrongHostName,
            }, expired: false);

        /// <summary>
        /// A server certificate for localhost and 127.0.0.1 signed by a second CA ("ZooKeeperPS Unknown CA") that no client
        /// is told to trust; its <see cref="TestCertificate.IssuerCertificatePath"/> is that CA.
        /// </summary>
        public TestCertificate CreateUnknownCaServerCertificate()
        {
            lock (unknownCaLock)
            {
                unknownCa ??= CertificateAuthority.Create(Path.Combine(Directory, "unknown-ca"), "ZooKeeperPS Unknown CA");
            }

            return Issue(unknownCa, "localhost", ServerExtensions, expired: false);
        }

        /// <summary>Deletes the folder and every certificate and key in it.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            CleanupRegistry.Remove(this);
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }

        private TestCertificate Issue(CertificateAuthority authority, string commonName, string[] extensions, bool expired)
        {
            if (disposed)
            {
                throw new ObjectDisposedException(nameof(TestCertificates));
            }

            // Every certificate gets files of its own, also when a name is asked for twice.
            int number = Interlocked.Increment(ref issued);
            string fileName = $"{number:D2}-{commonName.Replace(' ', '_')}";
            DateTime now = DateTime.UtcNow;
            return expired
                ? authority.Issue(fileName, commonName, extensions, now.AddDays(-2), now.AddDays(-1))
                : authority.Issue(fileName, commonName, extensions, now - Backdating, now + Lifetime);
        }
    }
}
