using System.Collections.Generic;
using System.IO;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>
    /// Runs a kazoo script (the reference client: Debian's python3-kazoo for /usr/bin/python3) in a child process, so
    /// that a TLS, SASL or Kerberos server is proven by a client other than ours. The script gets client(), which
    /// connects as the ZK_* variables say, and prints what the test asserts on.
    /// </summary>
    internal static class Kazoo
    {
        private const string Prelude = @"
import os, sys, time
from kazoo.client import KazooClient
from kazoo.security import make_acl
from kazoo.exceptions import NoAuthError

def client(start_timeout=20):
    e = os.environ
    options = {'hosts': e['ZK_HOSTS']}
    if e.get('ZK_CA'):
        options.update(use_ssl=True, ca=e['ZK_CA'], verify_certs=True)
    if e.get('ZK_CERT'):
        options.update(certfile=e['ZK_CERT'], keyfile=e['ZK_KEY'])
    if e.get('ZK_SASL'):
        sasl = {'mechanism': e['ZK_SASL']}
        if e.get('ZK_USER'):
            sasl.update(username=e['ZK_USER'], password=e['ZK_PASSWORD'])
        options['sasl_options'] = sasl
    zk = KazooClient(**options)
    zk.start(timeout=start_timeout)
    return zk

def outcome(action):
    # What a request ended with: OK and its value, or the name of the exception.
    try:
        return 'OK ' + str(action())
    except Exception as error:
        return type(error).__name__
";

        public static ToolResult Run(string script, IDictionary<string, string> environment) =>
            ExternalTool.RunUnchecked("/usr/bin/python3", new[] { "-" }, Path.GetTempPath(), environment, Prelude + script);

        /// <summary>The variables for a TLS connection trusting <paramref name="caPath"/>, optionally presenting a client certificate.</summary>
        public static Dictionary<string, string> Tls(string hosts, string caPath, TestCertificate? clientCertificate = null)
        {
            var environment = new Dictionary<string, string> { ["ZK_HOSTS"] = hosts, ["ZK_CA"] = caPath };
            if (clientCertificate != null)
            {
                environment["ZK_CERT"] = clientCertificate.CertificatePath;
                environment["ZK_KEY"] = clientCertificate.KeyPath;
            }

            return environment;
        }

        /// <summary>The variables for a SASL DIGEST-MD5 login.</summary>
        public static Dictionary<string, string> Digest(string hosts, string user, string password) => new Dictionary<string, string>
        {
            ["ZK_HOSTS"] = hosts,
            ["ZK_SASL"] = "DIGEST-MD5",
            ["ZK_USER"] = user,
            ["ZK_PASSWORD"] = password,
        };

        /// <summary>The variables for a SASL GSSAPI (Kerberos) login with the tickets that <paramref name="kerberos"/> names.</summary>
        public static Dictionary<string, string> Kerberos(string hosts, IReadOnlyDictionary<string, string> kerberos)
        {
            var environment = new Dictionary<string, string> { ["ZK_HOSTS"] = hosts, ["ZK_SASL"] = "GSSAPI" };
            foreach (var variable in kerberos)
            {
                environment[variable.Key] = variable.Value;
            }

            return environment;
        }
    }
}
