using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Threading;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// A throwaway MIT Kerberos KDC (krb5kdc -n, in the foreground, stopped by its process id) on 127.0.0.1 with a test
    /// realm whose configuration, database, keytabs and ticket caches all live in a temp folder of its own: KRB5_CONFIG
    /// and KRB5_KDC_PROFILE point there, so /etc/krb5.conf and the system's KDC service are never used. It holds the
    /// service principal zookeeper/localhost (for <see cref="SaslServerSettings.Kerberos"/>) and a client principal
    /// with a password, a keytab and a ticket already in <see cref="CredentialCachePath"/>.
    /// </summary>
    public sealed class KerberosKdc : IDisposable
    {
        public const string DefaultRealm = "ZKPS.TEST";

        /// <summary>The short name of <see cref="Client"/>.</summary>
        public const string ClientName = "alice";

        /// <summary>The password of <see cref="Client"/> (the digest users' passwords differ, so a search for one never finds the other).</summary>
        public const string ClientPassword = "alice-kerberos-secret";

        private const int PortInUseRetries = 3;
        private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
        private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(5);

        private readonly Dictionary<string, string> kdcEnvironment;
        private LoggedProcess? process;
        private int cacheCount;
        private bool disposed;

        private KerberosKdc(string directory, string realm)
        {
            Directory = directory;
            Realm = realm;
            ConfigPath = Path.Combine(directory, "krb5.conf");
            KdcProfilePath = Path.Combine(directory, "kdc.conf");
            kdcEnvironment = new Dictionary<string, string> { ["KRB5_CONFIG"] = ConfigPath, ["KRB5_KDC_PROFILE"] = KdcProfilePath };
            Service = new KerberosPrincipal("zookeeper/localhost@" + realm, password: null, Path.Combine(directory, "zookeeper.keytab"));
            Client = new KerberosPrincipal(ClientName + "@" + realm, ClientPassword, Path.Combine(directory, ClientName + ".keytab"));
            CredentialCachePath = Path.Combine(directory, ClientName + ".ccache");
            CleanupRegistry.Add(this);
        }

        public string Realm { get; }

        /// <summary>The temp folder with the configuration, the database, the keytabs, the caches and kdc.log.</summary>
        public string Directory { get; }

        /// <summary>The clients' krb5.conf (KRB5_CONFIG; java.security.krb5.conf for Java): this realm, its KDC on 127.0.0.1, TCP.</summary>
        public string ConfigPath { get; }

        /// <summary>The KDC's kdc.conf (KRB5_KDC_PROFILE).</summary>
        public string KdcProfilePath { get; }

        public string LogFile => Path.Combine(Directory, "kdc.log");

        /// <summary>The KDC's port on 127.0.0.1, TCP and UDP.</summary>
        public int Port { get; private set; }

        public bool IsRunning => process != null && !process.HasExited;

        /// <summary>The krb5kdc process id while it runs.</summary>
        public int ProcessId => process?.Id ?? throw new InvalidOperationException("The KDC is not running.");

        /// <summary>zookeeper/localhost@REALM: the principal the ZooKeeper server logs in as, from its keytab.</summary>
        public KerberosPrincipal Service { get; }

        /// <summary>alice@REALM, with <see cref="ClientPassword"/> and a keytab.</summary>
        public KerberosPrincipal Client { get; }

        /// <summary>A credential cache (a file) that holds a ticket-granting ticket of <see cref="Client"/>, made by kinit at start.</summary>
        public string CredentialCachePath { get; }

        /// <summary>
        /// What a child process (kazoo, kinit, klist, a pwsh) needs to authenticate as <see cref="Client"/>: KRB5_CONFIG and
        /// KRB5CCNAME. The GSSAPI library reads them from the native environment, so set them on a process that is started,
        /// not through Environment.SetEnvironmentVariable in a running one.
        /// </summary>
        public IReadOnlyDictionary<string, string> ClientEnvironment => EnvironmentFor(CredentialCachePath);

        /// <summary>Creates the realm, starts the KDC on a free loopback port and kinits <see cref="Client"/> (well under a second).</summary>
        public static KerberosKdc Start(string realm = DefaultRealm)
        {
            string directory = Path.Combine(Path.GetTempPath(), "zkps-kdc-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            System.IO.Directory.CreateDirectory(directory);
            var kdc = new KerberosKdc(directory, realm);
            try
            {
                kdc.Port = FreePort.Next();
                kdc.WriteConfiguration();
                kdc.CreateRealm();
                for (int attempt = 1; !kdc.TryLaunch(); attempt++)
                {
                    // The port was free for TCP when chosen, but UDP (or a fast neighbour) may have it: take another.
                    if (attempt >= PortInUseRetries)
                    {
                        throw new InvalidOperationException($"The KDC found no free port in {PortInUseRetries} attempts. Log {kdc.LogFile}:\n{LoggedProcess.Tail(kdc.LogFile)}");
                    }

                    kdc.Port = FreePort.Next();
                    kdc.WriteConfiguration();
                }

                kdc.Kinit(kdc.Client, kdc.CredentialCachePath);
                return kdc;
            }
            catch
            {
                kdc.Dispose();
                throw;
            }
        }

        /// <summary>KRB5_CONFIG and KRB5CCNAME for a child process that uses the tickets in <paramref name="credentialCachePath"/>.</summary>
        public IReadOnlyDictionary<string, string> EnvironmentFor(string credentialCachePath) =>
            new Dictionary<string, string> { ["KRB5_CONFIG"] = ConfigPath, ["KRB5CCNAME"] = "FILE:" + credentialCachePath };

        /// <summary>Adds a client principal with a password and a keytab (for a second identity, one an ACL refuses).</summary>
        public KerberosPrincipal AddPrincipal(string name, string password)
        {
            if (password.IndexOfAny(new[] { ' ', '\t', '\n', '"' }) >= 0 || name.IndexOfAny(new[] { ' ', '\t', '\n', '"', '@' }) >= 0)
            {
                throw new ArgumentException("kadmin.local reads one command per line: no blanks, quotes or '@' in the name, no blanks or quotes in the password.");
            }

            var principal = new KerberosPrincipal(name + "@" + Realm, password, Path.Combine(Directory, name.Replace('/', '_') + ".keytab"));
            AdminLocal($"addprinc -pw {password} {principal.Name}", $"ktadd -norandkey -k {principal.KeytabPath} {principal.Name}");
            return principal;
        }

        /// <summary>Gets a ticket-granting ticket for <paramref name="principal"/> from its keytab into a new credential cache, and returns the cache's path.</summary>
        public string Kinit(KerberosPrincipal principal)
        {
            string cache = Path.Combine(Directory, $"cache-{Interlocked.Increment(ref cacheCount)}.ccache");
            Kinit(principal, cache);
            return cache;
        }

        /// <summary>Stops the KDC (SIGTERM, then SIGKILL) and deletes its folder: database, keytabs and caches.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            process?.Stop(GracefulStopTimeout);
            process = null;
            CleanupRegistry.Remove(this);
            if (System.IO.Directory.Exists(Directory))
            {
                System.IO.Directory.Delete(Directory, recursive: true);
            }
        }

        public override string ToString() => $"KDC {Realm} 127.0.0.1:{Port}";

        private void Kinit(KerberosPrincipal principal, string cache) =>
            ExternalTool.Run("kinit", new[] { "-k", "-t", principal.KeytabPath, "-c", "FILE:" + cache, principal.Name }, Directory,
                new Dictionary<string, string> { ["KRB5_CONFIG"] = ConfigPath });

        private void CreateRealm()
        {
            // The master key protects a database that lives for one test run; it is random and never needed again.
            string masterPassword = Guid.NewGuid().ToString("N");
            ExternalTool.Run("kdb5_util", new[] { "-r", Realm, "create", "-s", "-P", masterPassword }, Directory, kdcEnvironment);
            AdminLocal(
                $"addprinc -randkey {Service.Name}",
                $"ktadd -k {Service.KeytabPath} {Service.Name}",
                $"addprinc -pw {ClientPassword} {Client.Name}",
                // -norandkey keeps the password valid next to the keytab.
                $"ktadd -norandkey -k {Client.KeytabPath} {Client.Name}");
        }

        /// <summary>Runs kadmin.local commands on the database directly (no kadmind), read from stdin so that passwords stay off the command line.</summary>
        private void AdminLocal(params string[] commands)
        {
            string output = ExternalTool.Run("kadmin.local", new[] { "-r", Realm }, Directory, kdcEnvironment, string.Join("\n", commands) + "\n");

            // kadmin.local reports a failed command but still exits with 0.
            if (output.IndexOf("error", StringComparison.OrdinalIgnoreCase) >= 0 || output.IndexOf("while ", StringComparison.Ordinal) >= 0)
            {
                throw new InvalidOperationException($"kadmin.local failed in {this}:{Environment.NewLine}{output}");
            }
        }

        /// <summary>Starts krb5kdc and waits until it accepts TCP connections; false when its port turned out to be taken.</summary>
        private bool TryLaunch()
        {
            process = LoggedProcess.Start(ExternalTool.Find("krb5kdc"), new[] { "-n", "-r", Realm }, Directory, LogFile, kdcEnvironment);
            DateTime deadline = DateTime.UtcNow + StartTimeout;
            while (true)
            {
                if (process.HasExited)
                {
                    int exitCode = process.ExitCode;
                    process.Forget();
                    process = null;
                    string tail = LoggedProcess.Tail(LogFile);
                    if (tail.IndexOf("Address already in use", StringComparison.OrdinalIgnoreCase) >= 0)
                    {
                        return false;
                    }

                    throw new InvalidOperationException($"krb5kdc exited during startup (exit code {exitCode}). Log {LogFile} ends with:{Environment.NewLine}{tail}");
                }

                if (AcceptsConnections())
                {
                    return true;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"{this} did not accept connections within {StartTimeout}. Log {LogFile}:{Environment.NewLine}{LoggedProcess.Tail(LogFile)}");
                }

                Thread.Sleep(50);
            }
        }

        private bool AcceptsConnections()
        {
            using var client = new TcpClient();
            try
            {
                return client.ConnectAsync("127.0.0.1", Port).Wait(TimeSpan.FromSeconds(2)) && client.Connected;
            }
            catch (AggregateException)
            {
                return false;
            }
        }

        private void WriteConfiguration()
        {
            string dir = Directory.Replace('\\', '/');
            string port = Port.ToString(CultureInfo.InvariantCulture);

            // No DNS at all (the realm and the host names are fixed), TCP first (udp_preference_limit = 1), and a default
            // cache in this folder so that no tool falls back to /tmp/krb5cc_<uid>.
            File.WriteAllText(ConfigPath,
                "[libdefaults]\n" +
                $"  default_realm = {Realm}\n" +
                "  dns_lookup_realm = false\n" +
                "  dns_lookup_kdc = false\n" +
                "  dns_canonicalize_hostname = false\n" +
                "  rdns = false\n" +
                "  udp_preference_limit = 1\n" +
                "  ticket_lifetime = 8h\n" +
                $"  default_ccache_name = FILE:{dir}/default.ccache\n" +
                "[realms]\n" +
                $"  {Realm} = {{\n" +
                $"    kdc = 127.0.0.1:{port}\n" +
                "  }\n" +
                "[domain_realm]\n" +
                $"  localhost = {Realm}\n");

            // Listening on 127.0.0.1 only; logging to stderr, which the harness copies into kdc.log.
            File.WriteAllText(KdcProfilePath,
                "[kdcdefaults]\n" +
                $"  kdc_listen = 127.0.0.1:{port}\n" +
                $"  kdc_tcp_listen = 127.0.0.1:{port}\n" +
                "[realms]\n" +
                $"  {Realm} = {{\n" +
                $"    database_name = {dir}/principal\n" +
                $"    key_stash_file = {dir}/stash\n" +
                $"    acl_file = {dir}/kadm5.acl\n" +
                "    max_life = 10h\n" +
                "    supported_enctypes = aes256-cts-hmac-sha1-96:normal aes128-cts-hmac-sha1-96:normal\n" +
                "  }\n" +
                "[logging]\n" +
                "  kdc = STDERR\n" +
                "  admin_server = STDERR\n" +
                "  default = STDERR\n");
        }
    }
}
