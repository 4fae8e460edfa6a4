using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>A TLS server with ssl.clientAuth=need and two client certificates of the test CA, alice's and bob's.</summary>
    public sealed class MutualTlsFixture : IDisposable
    {
        public MutualTlsFixture()
        {
            Certificates = TestCertificates.Create();
            Alice = Certificates.CreateClientCertificate("alice");
            Bob = Certificates.CreateClientCertificate("bob");
            Server = ZooKeeperServer.StartStandalone(options =>
                options.Tls = new TlsServerSettings(Certificates) { ClientAuth = TlsClientAuth.Need });
        }

        public TestCertificates Certificates { get; }

        public TestCertificate Alice { get; }

        public TestCertificate Bob { get; }

        public ZooKeeperServer Server { get; }

        public void Dispose()
        {
            Server.Dispose();
            Certificates.Dispose();
        }
    }

    public sealed class MutualTlsTests : IClassFixture<MutualTlsFixture>
    {
        private readonly MutualTlsFixture fixture;

        public MutualTlsTests(MutualTlsFixture fixture)
        {
            this.fixture = fixture;
        }

        [Fact]
        public void ClientAuthNeed_RefusesAHandshakeWithoutCertificate_AndServesOneWithACertificateOfTheCa()
        {
            int port = fixture.Server.SecureClientPort!.Value;

            ToolResult without = OpenSslClient.Ruok(port, fixture.Certificates.CaCertificatePath);
            ToolResult with = OpenSslClient.Ruok(port, fixture.Certificates.CaCertificatePath, fixture.Alice);

            Assert.NotEqual(0, without.ExitCode);
            Assert.DoesNotContain("imok", without.Output);
            Assert.True(with.ExitCode == 0, with.Output);
            Assert.Contains("imok", with.Output);
        }

        [Fact]
        public void X509Acl_AdmitsTheCertificateItNames_AndRefusesAnotherOfTheSameCa()
        {
            string path = "/x509-" + Guid.NewGuid().ToString("N");
            string hosts = fixture.Server.SecureConnectionString;
            string ca = fixture.Certificates.CaCertificatePath;

            ToolResult alice = Kazoo.Run(
                "zk = client()\n" +
                $"zk.create('{path}', b'for-alice', acl=[make_acl('x509', '{fixture.Alice.Subject}', all=True)])\n" +
                $"print('ALICE', outcome(lambda: zk.get('{path}')[0].decode()))\n" +
                $"print('ACL', zk.get_acls('{path}')[0][0].id.scheme, zk.get_acls('{path}')[0][0].id.id)\n" +
                "zk.stop()\n",
                Kazoo.Tls(hosts, ca, fixture.Alice));
            ToolResult bob = Kazoo.Run(
                $"zk = client()\nprint('BOB', outcome(lambda: zk.get('{path}')[0].decode()))\nzk.stop()\n",
                Kazoo.Tls(hosts, ca, fixture.Bob));

            Assert.True(alice.ExitCode == 0, alice.Output);
            Assert.Contains("ALICE OK for-alice", alice.Output);
            Assert.Contains("ACL x509 CN=alice,O=ZooKeeperPS Test", alice.Output);
            Assert.True(bob.ExitCode == 0, bob.Output);
            Assert.Contains("BOB NoAuthError", bob.Output);
        }

        [Fact]
        public void ClientAuthWant_ServesAClientWithoutCertificate_AndKnowsOneWithACertificateByItsSubject()
        {
            using ZooKeeperServer server = ZooKeeperServer.StartStandalone(options =>
                options.Tls = new TlsServerSettings(fixture.Certificates) { ClientAuth = TlsClientAuth.Want });
            string path = "/want-" + Guid.NewGuid().ToString("N");
            string ca = fixture.Certificates.CaCertificatePath;

            ToolResult anonymous = Kazoo.Run(
                "zk = client()\nprint('CHILDREN', outcome(lambda: 'zookeeper' in zk.get_children('/')))\nzk.stop()\n",
                Kazoo.Tls(server.SecureConnectionString, ca));
            ToolResult alice = Kazoo.Run(
                "zk = client()\n" +
                $"zk.create('{path}', b'for-alice', acl=[make_acl('x509', '{fixture.Alice.Subject}', all=True)])\n" +
                $"print('ALICE', outcome(lambda: zk.get('{path}')[0].decode()))\n" +
                "zk.stop()\n",
                Kazoo.Tls(server.SecureConnectionString, ca, fixture.Alice));

            Assert.Contains("CHILDREN OK True", anonymous.Output);
            Assert.Contains("ALICE OK for-alice", alice.Output);
        }
    }
}
