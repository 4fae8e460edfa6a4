using System;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>A SASL DIGEST-MD5 server with the users alice and bob, shared by the tests of <see cref="SaslDigestTests"/>.</summary>
    public sealed class SaslDigestFixture : IDisposable
    {
        public SaslDigestFixture()
        {
            Server = ZooKeeperServer.StartStandalone(options => options.Sasl = SaslServerSettings.Digest());
        }

        public ZooKeeperServer Server { get; }

        public void Dispose() => Server.Dispose();
    }

    public sealed class SaslDigestTests : IClassFixture<SaslDigestFixture>
    {
        // kazoo reports CONNECTED before its SASL exchange ends; when the server answers AuthFailed, kazoo logs
        // AUTH_FAILED and closes the client, so the request queued behind the exchange fails.
        private const string AuthenticationOutcome =
            "zk = client()\n" +
            "print('EXISTS', outcome(lambda: zk.exists('/') is not None))\n" +
            "print('STATE', zk.client_state)\n" +
            "zk.stop()\n";

        private readonly SaslDigestFixture fixture;

        public SaslDigestTests(SaslDigestFixture fixture)
        {
            this.fixture = fixture;
        }

        [Fact]
        public void GoodPassword_AuthenticatesAsTheSaslUser_WhomASaslAclAdmits_AndAnotherUserIsRefused()
        {
            string path = "/sasl-" + Guid.NewGuid().ToString("N");
            string hosts = fixture.Server.ConnectionString;

            ToolResult alice = Kazoo.Run(
                "zk = client()\n" +
                $"zk.create('{path}', b'for-alice', acl=[make_acl('sasl', '{SaslServerSettings.DigestUser}', all=True)])\n" +
                $"print('ALICE', outcome(lambda: zk.get('{path}')[0].decode()))\n" +
                "zk.stop()\n",
                Kazoo.Digest(hosts, SaslServerSettings.DigestUser, SaslServerSettings.DigestPassword));
            ToolResult bob = Kazoo.Run(
                $"zk = client()\nprint('BOB', outcome(lambda: zk.get('{path}')[0].decode()))\nzk.stop()\n",
                Kazoo.Digest(hosts, SaslServerSettings.OtherDigestUser, SaslServerSettings.OtherDigestPassword));

            Assert.True(alice.ExitCode == 0, alice.Output);
            Assert.Contains("ALICE OK for-alice", alice.Output);
            Assert.Contains("BOB NoAuthError", bob.Output);
        }

        [Fact]
        public void WrongPassword_EndsTheSessionWithAuthFailed()
        {
            ToolResult good = Kazoo.Run(AuthenticationOutcome,
                Kazoo.Digest(fixture.Server.ConnectionString, SaslServerSettings.DigestUser, SaslServerSettings.DigestPassword));
            ToolResult wrong = Kazoo.Run(AuthenticationOutcome,
                Kazoo.Digest(fixture.Server.ConnectionString, SaslServerSettings.DigestUser, "not-the-password"));

            Assert.Contains("EXISTS OK True", good.Output);
            Assert.Contains("STATE CONNECTED", good.Output);
            Assert.DoesNotContain("EXISTS OK", wrong.Output);
            Assert.Contains("AUTH_FAILED", wrong.Output);
        }

        [Fact]
        public void RequireAuthentication_ClosesAnAnonymousSession_AndServesAnAuthenticatedOne()
        {
            using ZooKeeperServer server = ZooKeeperServer.StartStandalone(options =>
            {
                options.Sasl = SaslServerSettings.Digest();
                options.Sasl.RequireAuthentication = true;
            });

            ToolResult anonymous = ZooKeeperCli.Run(server.ConnectionString, new[] { "ls", "/" });
            ToolResult alice = Kazoo.Run(AuthenticationOutcome,
                Kazoo.Digest(server.ConnectionString, SaslServerSettings.DigestUser, SaslServerSettings.DigestPassword));

            Assert.NotEqual(0, anonymous.ExitCode);
            Assert.Contains("Session closed because client failed to authenticate", anonymous.Output);
            Assert.Contains("EXISTS OK True", alice.Output);
        }
    }
}
