using System;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>One certificate made by <see cref="TestCertificates"/>, as PEM files (for kazoo and openssl) and as a PFX (for .NET).</summary>
    public sealed class TestCertificate
    {
        internal TestCertificate(
            string commonName, string subject, string certificatePath, string keyPath, string pfxPath, string pfxPassword,
            string issuerCertificatePath, DateTime notBefore, DateTime notAfter)
        {
            CommonName = commonName;
            Subject = subject;
            CertificatePath = certificatePath;
            KeyPath = keyPath;
            PfxPath = pfxPath;
            PfxPassword = pfxPassword;
            IssuerCertificatePath = issuerCertificatePath;
            NotBefore = notBefore;
            NotAfter = notAfter;
        }

        public string CommonName { get; }

        /// <summary>
        /// The subject DN in RFC 2253 form, "CN=alice,O=ZooKeeperPS Test": the id ZooKeeper's X509AuthenticationProvider
        /// gives a client that presents this certificate, and so the id of an x509 ACL entry that admits it.
        /// </summary>
        public string Subject { get; }

        /// <summary>The certificate alone, PEM.</summary>
        public string CertificatePath { get; }

        /// <summary>Its private key, PEM (PKCS#8, not encrypted).</summary>
        public string KeyPath { get; }

        /// <summary>PKCS#12 with the key, the certificate and its issuer, encrypted with <see cref="PfxPassword"/>.</summary>
        public string PfxPath { get; }

        /// <summary>A random password, different for every certificate (so that a test can search for it in output).</summary>
        public string PfxPassword { get; }

        /// <summary>The PEM certificate of the CA that signed it (the test CA, or the unknown CA).</summary>
        public string IssuerCertificatePath { get; }

        /// <summary>Start of validity, UTC.</summary>
        public DateTime NotBefore { get; }

        /// <summary>End of validity, UTC (in the past for the expired certificate).</summary>
        public DateTime NotAfter { get; }

        public override string ToString() => Subject;
    }
}
