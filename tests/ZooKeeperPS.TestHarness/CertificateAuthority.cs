using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// A throwaway certificate authority in a folder of its own, driven through openssl: 'req -x509' for its root and
    /// 'ca' for what it signs, because only 'openssl ca' (in OpenSSL 3.0) can put a start and end date in the past.
    /// EC P-256 keys throughout: made in milliseconds, and accepted by Java, OpenSSL and .NET alike.
    /// </summary>
    internal sealed class CertificateAuthority
    {
        private static readonly Regex PlainName = new Regex("^[A-Za-z0-9][A-Za-z0-9 ._-]*$");
        private readonly string folder;
        private readonly string configFile;
        private readonly object issueLock = new object();

        private CertificateAuthority(string folder)
        {
            this.folder = folder;
            configFile = Path.Combine(folder, "openssl.cnf");
            CertificatePath = Path.Combine(folder, "ca.pem");
        }

        /// <summary>The CA's own certificate, PEM: what a client trusts.</summary>
        public string CertificatePath { get; }

        private string KeyPath => Path.Combine(folder, "ca.key");

        public static CertificateAuthority Create(string folder, string commonName)
        {
            Directory.CreateDirectory(Path.Combine(folder, "issued"));
            File.WriteAllText(Path.Combine(folder, "index.txt"), string.Empty);
            File.WriteAllText(Path.Combine(folder, "serial"), "1000\n");
            var authority = new CertificateAuthority(folder);
            authority.WriteConfiguration();
            authority.OpenSsl("req", "-config", authority.configFile, "-x509", "-extensions", "ca_ext", "-days", "30",
                "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", authority.KeyPath, "-out", authority.CertificatePath, "-subj", SubjectArgument(commonName));
            return authority;
        }

        /// <summary>
        /// Makes a key, has this CA sign its certificate with the given extensions (openssl.cnf syntax, one per line),
        /// and writes &lt;fileName&gt;.pem, .key and .pfx.
        /// </summary>
        public TestCertificate Issue(string fileName, string commonName, IEnumerable<string> extensions, DateTime notBefore, DateTime notAfter)
        {
            string keyPath = Path.Combine(folder, fileName + ".key");
            string requestPath = Path.Combine(folder, fileName + ".csr");
            string extensionsPath = Path.Combine(folder, fileName + ".ext");
            string certificatePath = Path.Combine(folder, fileName + ".pem");
            string pfxPath = Path.Combine(folder, fileName + ".pfx");
            string pfxPassword = Guid.NewGuid().ToString("N").Substring(0, 20);

            File.WriteAllText(extensionsPath, "[ext]\n" + string.Join("\n", extensions) + "\n");
            OpenSsl("req", "-config", configFile, "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", keyPath, "-out", requestPath, "-subj", SubjectArgument(commonName));

            // 'openssl ca' keeps a database and a serial number file: one signature at a time.
            lock (issueLock)
            {
                OpenSsl("ca", "-batch", "-config", configFile, "-cert", CertificatePath, "-keyfile", KeyPath, "-notext",
                    "-in", requestPath, "-out", certificatePath, "-extfile", extensionsPath, "-extensions", "ext",
                    "-startdate", OpenSslTime(notBefore), "-enddate", OpenSslTime(notAfter));
            }

            // The password goes through the environment, not the command line.
            var environment = new Dictionary<string, string> { ["ZKPS_PFX_PASSWORD"] = pfxPassword };
            ExternalTool.Run("openssl",
                new[] { "pkcs12", "-export", "-in", certificatePath, "-inkey", keyPath, "-certfile", CertificatePath,
                    "-name", commonName, "-out", pfxPath, "-passout", "env:ZKPS_PFX_PASSWORD" },
                folder, environment);

            return new TestCertificate(commonName, "CN=" + commonName + ",O=" + TestCertificates.Organization, certificatePath, keyPath,
                pfxPath, pfxPassword, CertificatePath, Truncate(notBefore), Truncate(notAfter));
        }

        private static string SubjectArgument(string commonName)
        {
            // Plain names only: a '/', ',' or '=' would need escaping in -subj and in the RFC 2253 subject alike.
            if (!PlainName.IsMatch(commonName))
            {
                throw new ArgumentException($"'{commonName}' is not a plain name (letters, digits, blank, '.', '_', '-').", nameof(commonName));
            }

            return "/O=" + TestCertificates.Organization + "/CN=" + commonName;
        }

        private static string OpenSslTime(DateTime utc) => utc.ToUniversalTime().ToString("yyyyMMddHHmmss'Z'", CultureInfo.InvariantCulture);

        private static DateTime Truncate(DateTime utc)
        {
            DateTime value = utc.ToUniversalTime();
            return new DateTime(value.Year, value.Month, value.Day, value.Hour, value.Minute, value.Second, DateTimeKind.Utc);
        }

        private void OpenSsl(params string[] arguments) => ExternalTool.Run("openssl", arguments, folder);

        private void WriteConfiguration()
        {
            // Written out in full so that neither the system's openssl.cnf nor OPENSSL_CONF changes what is made.
            // The policy lists O before CN: openssl ca orders the subject by it, and the RFC 2253 form reverses it.
            string dir = folder.Replace('\\', '/');
            File.WriteAllText(configFile,
                "[req]\n" +
                "distinguished_name = req_dn\n" +
                "[req_dn]\n" +
                "[ca_ext]\n" +
                "basicConstraints = critical, CA:TRUE\n" +
                "keyUsage = critical, keyCertSign, cRLSign\n" +
                "subjectKeyIdentifier = hash\n" +
                "[ca]\n" +
                "default_ca = test_ca\n" +
                "[test_ca]\n" +
                $"database = {dir}/index.txt\n" +
                $"new_certs_dir = {dir}/issued\n" +
                $"serial = {dir}/serial\n" +
                "default_md = sha256\n" +
                "policy = subject_policy\n" +
                "unique_subject = no\n" +
                "copy_extensions = none\n" +
                "[subject_policy]\n" +
                "organizationName = optional\n" +
                "commonName = supplied\n");
        }
    }
}
