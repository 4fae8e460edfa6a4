using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>A TLS server (no client certificate asked for) with the test CA, shared by the tests of <see cref="TlsServerTests"/>.</summary>
    public sealed class TlsServerFixture : IDisposable
    {
        public TlsServerFixture()
        {
            Certificates = TestCertificates.Create();
            Server = ZooKeeperServer.StartStandalone(options => options.Tls = new TlsServerSettings(Certificates));
        }

        public TestCertificates Certificates { get; }

        public ZooKeeperServer Server { get; }

        public void Dispose()
        {
            Server.Dispose();
            Certificates.Dispose();
        }
    }

    public sealed class TlsServerTests : IClassFixture<TlsServerFixture>
    {
        private readonly TlsServerFixture fixture;

        public TlsServerTests(TlsServerFixture fixture)
        {
            this.fixture = fixture;
        }

        [Fact]
        public void Kazoo_WritesAndReadsOverTls_TrustingTheTestCa_WhileThePlainPortStillServes()
        {
            ZooKeeperServer server = fixture.Server;
            string path = "/tls-" + Guid.NewGuid().ToString("N");

            ToolResult kazoo = Kazoo.Run(
                $"zk = client()\nzk.create('{path}', b'over-tls')\nprint('READ', zk.get('{path}')[0].decode())\nzk.stop()\n",
                Kazoo.Tls(server.SecureConnectionString, fixture.Certificates.CaCertificatePath));

            Assert.True(kazoo.ExitCode == 0, kazoo.Output);
            Assert.Contains("READ over-tls", kazoo.Output);
            Assert.NotEqual(server.ClientPort, server.SecureClientPort);
            Assert.Equal("imok", server.FourLetterWord("ruok"));
        }

        [Fact]
        public void Kazoo_CannotConnect_WhenItTrustsAnotherCa()
        {
            using TestCertificates strangers = TestCertificates.Create();

            ToolResult kazoo = Kazoo.Run(
                "try:\n    client(start_timeout=5)\n    print('CONNECTED')\nexcept Exception as error:\n    print('REFUSED', type(error).__name__)\n",
                Kazoo.Tls(fixture.Server.SecureConnectionString, strangers.CaCertificatePath));

            Assert.Contains("REFUSED", kazoo.Output);
            Assert.DoesNotContain("CONNECTED", kazoo.Output);
        }

        [Theory]
        [InlineData("TLSv1.2", "localhost")]
        [InlineData("TLSv1.3", "localhost")]
        [InlineData("TLSv1.3", "127.0.0.1")]
        public void OpenSsl_VerifiesTheServerCertificate_ForItsNameAndAddress_OverTls12And13(string protocol, string hostName)
        {
            ToolResult result = OpenSslClient.Ruok(
                fixture.Server.SecureClientPort!.Value, fixture.Certificates.CaCertificatePath, protocol: protocol, hostName: hostName);

            Assert.True(result.ExitCode == 0, result.Output);
            Assert.Contains("Verify return code: 0 (ok)", result.Output);
            Assert.Contains("Protocol: " + protocol, result.Output.Replace("Protocol  :", "Protocol:"));
            Assert.Contains("imok", result.Output);
        }

        [Fact]
        public void Protocols_NarrowedToTls12_RefuseATls13Handshake()
        {
            var tls = new TlsServerSettings(fixture.Certificates);
            tls.Protocols.Clear();
            tls.Protocols.Add("TLSv1.2");
            using ZooKeeperServer server = ZooKeeperServer.StartStandalone(options => options.Tls = tls);

            ToolResult tls12 = OpenSslClient.Ruok(server.SecureClientPort!.Value, fixture.Certificates.CaCertificatePath, protocol: "TLSv1.2");
            ToolResult tls13 = OpenSslClient.Ruok(server.SecureClientPort!.Value, fixture.Certificates.CaCertificatePath, protocol: "TLSv1.3");

            Assert.Contains("imok", tls12.Output);
            Assert.NotEqual(0, tls13.ExitCode);
            Assert.DoesNotContain("imok", tls13.Output);
        }
    }
}
