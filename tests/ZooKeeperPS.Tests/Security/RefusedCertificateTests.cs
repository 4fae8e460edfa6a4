using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>
    /// The certificates a client must refuse: a server presenting each one starts, a verifying client refuses it for
    /// the reason it was made for, and a client that skips verification is served.
    /// </summary>
    public sealed class RefusedCertificateTests : IClassFixture<RefusedCertificateTests.CertificatesFixture>
    {
        private readonly CertificatesFixture fixture;

        public RefusedCertificateTests(CertificatesFixture fixture)
        {
            this.fixture = fixture;
        }

        [Theory]
        [InlineData("expired", "certificate has expired")]
        [InlineData("wrong-host", "hostname mismatch")]
        [InlineData("unknown-ca", "self-signed certificate in certificate chain")]
        public void AServerPresentingIt_IsRefusedByAVerifyingClient_AndServesOneThatSkipsTheCheck(string kind, string reason)
        {
            TestCertificates certificates = fixture.Certificates;
            TestCertificate presented = kind switch
            {
                "expired" => certificates.CreateExpiredServerCertificate(),
                "wrong-host" => certificates.CreateWrongHostServerCertificate(),
                _ => certificates.CreateUnknownCaServerCertificate(),
            };
            using ZooKeeperServer server = ZooKeeperServer.StartStandalone(options =>
                options.Tls = new TlsServerSettings(certificates) { ServerCertificate = presented });
            int port = server.SecureClientPort!.Value;

            ToolResult verifying = OpenSslClient.Ruok(port, certificates.CaCertificatePath);
            ToolResult skipping = OpenSslClient.Ruok(port, certificates.CaCertificatePath, verify: false);

            Assert.NotEqual(0, verifying.ExitCode);
            Assert.Contains(reason, verifying.Output);
            Assert.DoesNotContain("imok", verifying.Output);
            Assert.True(skipping.ExitCode == 0, skipping.Output);
            Assert.Contains("imok", skipping.Output);
        }

        [Fact]
        public void TheCertificates_AreWhatTheirNamesSay()
        {
            TestCertificates certificates = fixture.Certificates;
            TestCertificate expired = certificates.CreateExpiredServerCertificate();
            TestCertificate unknown = certificates.CreateUnknownCaServerCertificate();
            TestCertificate alice = certificates.CreateClientCertificate("alice");

            Assert.True(expired.NotAfter < DateTime.UtcNow);
            Assert.True(certificates.Server.NotBefore < DateTime.UtcNow && DateTime.UtcNow < certificates.Server.NotAfter);
            Assert.NotEqual(certificates.CaCertificatePath, unknown.IssuerCertificatePath);
            Assert.Equal("CN=alice,O=ZooKeeperPS Test", alice.Subject);

            // The .NET side reads the PFX with its password: key, certificate and subject as made.
            using var pfx = System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadPkcs12FromFile(alice.PfxPath, alice.PfxPassword);
            Assert.True(pfx.HasPrivateKey);
            Assert.Equal("CN=alice, O=ZooKeeperPS Test", pfx.Subject);
        }

        public sealed class CertificatesFixture : IDisposable
        {
            public TestCertificates Certificates { get; } = TestCertificates.Create();

            public void Dispose() => Certificates.Dispose();
        }
    }
}
