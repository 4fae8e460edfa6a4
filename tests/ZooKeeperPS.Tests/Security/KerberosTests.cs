using System;
using System.Collections.Generic;
using System.IO;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>A KDC of its own and a ZooKeeper server that logs in as zookeeper/localhost from the KDC's service keytab.</summary>
    public sealed class KerberosFixture : IDisposable
    {
        public KerberosFixture()
        {
            Kdc = KerberosKdc.Start();
            try
            {
                Server = ZooKeeperServer.StartStandalone(options => options.Sasl = SaslServerSettings.Kerberos(Kdc));
            }
            catch
            {
                Kdc.Dispose();
                throw;
            }
        }

        public KerberosKdc Kdc { get; }

        public ZooKeeperServer Server { get; }

        public void Dispose()
        {
            Server.Dispose();
            Kdc.Dispose();
        }
    }

    public sealed class KerberosTests : IClassFixture<KerberosFixture>
    {
        private readonly KerberosFixture fixture;

        public KerberosTests(KerberosFixture fixture)
        {
            this.fixture = fixture;
        }

        [Fact]
        public void TheClientCache_HoldsATicketGrantingTicketOfTheClientPrincipal()
        {
            KerberosKdc kdc = fixture.Kdc;

            string listing = ExternalTool.Run("klist", new[] { "-c", "FILE:" + kdc.CredentialCachePath }, kdc.Directory,
                new Dictionary<string, string> { ["KRB5_CONFIG"] = kdc.ConfigPath });

            Assert.Equal("alice@ZKPS.TEST", kdc.Client.Name);
            Assert.Equal("zookeeper/localhost@ZKPS.TEST", kdc.Service.Name);
            Assert.Contains("Default principal: alice@ZKPS.TEST", listing);
            Assert.Contains("krbtgt/ZKPS.TEST@ZKPS.TEST", listing);
            Assert.True(File.Exists(kdc.Client.KeytabPath));
            Assert.True(File.Exists(kdc.Service.KeytabPath));
        }

        [Fact]
        public void Kazoo_AuthenticatesWithTheTicket_AsThePrincipalASaslAclAdmits_AndAnotherPrincipalIsRefused()
        {
            KerberosKdc kdc = fixture.Kdc;
            string path = "/kerberos-" + Guid.NewGuid().ToString("N");
            // GSSAPI asks for zookeeper/<the host it dials>: localhost, not 127.0.0.1.
            string hosts = fixture.Server.LocalhostConnectionString;
            KerberosPrincipal carol = kdc.AddPrincipal("carol", "carol-kerberos-secret");
            string carolCache = kdc.Kinit(carol);

            ToolResult alice = Kazoo.Run(
                "zk = client()\n" +
                $"zk.create('{path}', b'for-alice', acl=[make_acl('sasl', '{kdc.Client.Name}', all=True)])\n" +
                $"print('ALICE', outcome(lambda: zk.get('{path}')[0].decode()))\n" +
                "zk.stop()\n",
                Kazoo.Kerberos(hosts, kdc.ClientEnvironment));
            ToolResult other = Kazoo.Run(
                $"zk = client()\nprint('CAROL', outcome(lambda: zk.get('{path}')[0].decode()))\nzk.stop()\n",
                Kazoo.Kerberos(hosts, kdc.EnvironmentFor(carolCache)));

            Assert.True(alice.ExitCode == 0, alice.Output);
            Assert.Contains("ALICE OK for-alice", alice.Output);
            Assert.Contains("CAROL NoAuthError", other.Output);
        }

        [Fact]
        public void Kazoo_WithoutATicket_FailsToAuthenticate()
        {
            KerberosKdc kdc = fixture.Kdc;
            string emptyCache = Path.Combine(kdc.Directory, "no-such.ccache");

            ToolResult kazoo = Kazoo.Run(
                "zk = client()\nprint('EXISTS', outcome(lambda: zk.exists('/') is not None))\n",
                Kazoo.Kerberos(fixture.Server.LocalhostConnectionString, kdc.EnvironmentFor(emptyCache)));

            Assert.DoesNotContain("EXISTS OK", kazoo.Output);
            Assert.Contains("AUTH_FAILED", kazoo.Output);
        }
    }
}
