using System;
using System.Linq;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>An ensemble of its own with a TLS port on every member: the test kills its leader.</summary>
    public sealed class TlsEnsembleTests
    {
        [Fact]
        public void EveryMemberServesTls_AndAClientFailsOverToTheOthersWhenTheLeaderIsKilled()
        {
            using TestCertificates certificates = TestCertificates.Create();
            using ZooKeeperEnsemble ensemble = ZooKeeperEnsemble.Start(3, options => options.Tls = new TlsServerSettings(certificates));
            string path = "/tls-ensemble-" + Guid.NewGuid().ToString("N");
            var environment = Kazoo.Tls(ensemble.SecureConnectionString, certificates.CaCertificatePath);

            Assert.All(ensemble.Servers, member => Assert.Equal("imok", member.SecureFourLetterWord("ruok")));
            Assert.All(ensemble.Servers, member =>
                Assert.Contains("imok", OpenSslClient.Ruok(member.SecureClientPort!.Value, certificates.CaCertificatePath).Output));
            Assert.Equal(3, ensemble.SecureConnectionString.Split(',').Distinct().Count());

            ToolResult write = Kazoo.Run($"zk = client()\nzk.create('{path}', b'survives')\nzk.stop()\n", environment);
            ZooKeeperServer leader = ensemble.Leader();
            leader.Kill();
            ensemble.Leader();
            ToolResult read = Kazoo.Run($"zk = client()\nprint('READ', outcome(lambda: zk.get('{path}')[0].decode()))\nzk.stop()\n", environment);

            Assert.True(write.ExitCode == 0, write.Output);
            Assert.Contains("READ OK survives", read.Output);
        }
    }
}
