using System.IO;
using ZooKeeperPS.TestHarness;
using ZooKeeperPS.Tests.Harness;

namespace ZooKeeperPS.Tests.Security
{
    public sealed class SecurityCleanupTests
    {
        [Fact]
        public void Dispose_EndsEveryJavaAndKdcProcess_AndDeletesEveryTempFolder()
        {
            TestCertificates certificates = TestCertificates.Create();
            KerberosKdc kdc = KerberosKdc.Start();
            ZooKeeperServer tls = ZooKeeperServer.StartStandalone(options =>
                options.Tls = new TlsServerSettings(certificates) { ClientAuth = TlsClientAuth.Need });
            ZooKeeperServer kerberos = ZooKeeperServer.StartStandalone(options => options.Sasl = SaslServerSettings.Kerberos(kdc));
            ZooKeeperServer digest = ZooKeeperServer.StartStandalone(options => options.Sasl = SaslServerSettings.Digest());
            int[] pids = { tls.ProcessId, kerberos.ProcessId, digest.ProcessId, kdc.ProcessId };
            string[] folders = { certificates.Directory, kdc.Directory, tls.DataDirectory, kerberos.DataDirectory, digest.DataDirectory };

            tls.Dispose();
            kerberos.Dispose();
            digest.Dispose();
            kdc.Dispose();
            certificates.Dispose();

            Assert.All(pids, pid => Assert.True(ProcessCheck.IsGone(pid), $"process {pid} still runs"));
            Assert.All(folders, folder => Assert.False(Directory.Exists(folder), $"{folder} still exists"));
        }
    }
}
