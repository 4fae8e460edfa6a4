using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// One real Apache ZooKeeper server (QuorumPeerMain) on loopback, with its own temp folder for config, data and log.
    /// Standalone through <see cref="StartStandalone"/>, or a member of a <see cref="ZooKeeperEnsemble"/>.
    /// </summary>
    public sealed class ZooKeeperServer : IDisposable
    {
        /// <summary>The super user that the servers accept through digest auth (it bypasses every ACL).</summary>
        public const string SuperUser = "super";

        /// <summary>The password of <see cref="SuperUser"/>.</summary>
        public const string SuperPassword = "super-secret";

        private const int PortInUseRetries = 3;
        private static readonly TimeSpan FourLetterWordTimeout = TimeSpan.FromSeconds(5);
        private static readonly TimeSpan GracefulStopTimeout = TimeSpan.FromSeconds(10);

        private readonly ZooKeeperInstallation installation;
        private readonly ZooKeeperServerOptions options;
        private IReadOnlyList<string> ensembleLines = Array.Empty<string>();
        private LoggedProcess? process;
        private bool disposed;

        internal ZooKeeperServer(ZooKeeperInstallation installation, ZooKeeperServerOptions options, int? myId)
        {
            this.installation = installation;
            this.options = options;
            MyId = myId;
            DataDirectory = Path.Combine(Path.GetTempPath(), "zkps-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(DataDirectory);
            ChooseNewPorts();
            CleanupRegistry.Add(this);
        }

        /// <summary>The server's own temp folder: zoo.cfg, the data folder and zookeeper.log. Deleted by <see cref="Dispose"/>.</summary>
        public string DataDirectory { get; }

        /// <summary>Everything the JVM wrote (ZooKeeper's log, stdout and stderr).</summary>
        public string LogFile => Path.Combine(DataDirectory, "zookeeper.log");

        public int ClientPort { get; private set; }

        /// <summary>The TLS client port (secureClientPort) when <see cref="ZooKeeperServerOptions.Tls"/> is set; null otherwise.</summary>
        public int? SecureClientPort { get; private set; }

        /// <summary>The AdminServer's HTTP port when <see cref="ZooKeeperServerOptions.AdminServer"/> is set; null otherwise.</summary>
        public int? AdminPort { get; private set; }

        /// <summary>The port followers use to talk to the leader (ensembles only).</summary>
        public int QuorumPort { get; private set; }

        /// <summary>The leader election port (ensembles only).</summary>
        public int ElectionPort { get; private set; }

        /// <summary>The server id in an ensemble; null for a standalone server.</summary>
        public int? MyId { get; }

        public string ConnectionString => "127.0.0.1:" + ClientPort.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// The plain client port by the name localhost: the name in the test server certificate (next to IP 127.0.0.1)
        /// and in the Kerberos service principal zookeeper/localhost, which GSSAPI clients derive from the host they dial.
        /// </summary>
        public string LocalhostConnectionString => "localhost:" + ClientPort.ToString(CultureInfo.InvariantCulture);

        /// <summary>"127.0.0.1:secureClientPort" for TLS clients; throws when the server has no TLS port.</summary>
        public string SecureConnectionString => "127.0.0.1:" + RequireSecurePort().ToString(CultureInfo.InvariantCulture);

        /// <summary>The TLS settings the server was started with, or null.</summary>
        public TlsServerSettings? Tls => options.Tls;

        /// <summary>The SASL settings the server was started with, or null.</summary>
        public SaslServerSettings? Sasl => options.Sasl;

        public bool IsRunning => process != null && !process.HasExited;

        /// <summary>The java process id while the server runs.</summary>
        public int ProcessId => process?.Id ?? throw new InvalidOperationException("The server is not running.");

        /// <summary>Starts a standalone server with the options that <paramref name="configure"/> sets, e.g. <c>o => o.Tls = new TlsServerSettings(certificates)</c>.</summary>
        public static ZooKeeperServer StartStandalone(Action<ZooKeeperServerOptions> configure)
        {
            var options = new ZooKeeperServerOptions();
            configure(options);
            return StartStandalone(options);
        }

        /// <summary>Starts a standalone server on free loopback ports and waits until it serves requests.</summary>
        public static ZooKeeperServer StartStandalone(ZooKeeperServerOptions? options = null)
        {
            var server = new ZooKeeperServer(ZooKeeperInstallation.Find(), options ?? new ZooKeeperServerOptions(), myId: null);
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    server.Start();
                    return server;
                }
                catch (ZooKeeperStartException e) when (e.PortInUse && attempt < PortInUseRetries)
                {
                    server.ChooseNewPorts();
                }
                catch
                {
                    server.Dispose();
                    throw;
                }
            }
        }

        /// <summary>Starts (or restarts, on the same ports and data) the server and waits until it serves requests.</summary>
        public void Start()
        {
            Launch();
            WaitUntilServing(DateTime.UtcNow + options.StartTimeout);
        }

        /// <summary>Stops the server politely (SIGTERM, where there is one) and waits until the process is gone.</summary>
        public void Stop()
        {
            process?.Stop(GracefulStopTimeout);
            process = null;
        }

        /// <summary>Kills the server at once (SIGKILL, like kill -9), as a crash would, and waits until the process is gone.</summary>
        public void Kill()
        {
            process?.Kill();
            process = null;
        }

        /// <summary>Sends a four-letter command (ruok, srvr, stat, mntr, cons, ...) and returns the reply.</summary>
        public string FourLetterWord(string word) =>
            FourLetterWordClient.Send("127.0.0.1", ClientPort, word, FourLetterWordTimeout);

        /// <summary>
        /// Sends a four-letter command over TLS to <see cref="SecureClientPort"/> (with a client certificate of the test CA
        /// when the server asks for one) and returns the reply. The server certificate is not checked.
        /// </summary>
        public string SecureFourLetterWord(string word)
        {
            TlsServerSettings tls = options.Tls ?? throw new InvalidOperationException($"{this} has no TLS port: start it with ZooKeeperServerOptions.Tls set.");
            TestCertificate? certificate = tls.ClientAuth == TlsClientAuth.None ? null : tls.ProbeCertificate();
            return FourLetterWordClient.SendOverTls("127.0.0.1", RequireSecurePort(), word, FourLetterWordTimeout, certificate);
        }

        /// <summary>The server's mode from srvr (standalone, leader, follower, observer, read-only), or null while it does not serve.</summary>
        public string? Mode()
        {
            if (!IsRunning)
            {
                return null;
            }

            try
            {
                const string prefix = "Mode: ";
                string? line = FourLetterWord("srvr").Split('\n').FirstOrDefault(l => l.StartsWith(prefix, StringComparison.Ordinal));
                return line?.Substring(prefix.Length).Trim();
            }
            catch (Exception e) when (e is IOException || e is System.Net.Sockets.SocketException || e is TimeoutException || e is AggregateException)
            {
                return null;
            }
        }

        /// <summary>Stops the server and deletes its temp folder.</summary>
        public void Dispose()
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            Kill();
            CleanupRegistry.Remove(this);
            DeleteDataDirectory();
        }

        public override string ToString() => MyId == null ? $"ZooKeeper {ConnectionString}" : $"ZooKeeper #{MyId} {ConnectionString}";

        internal void ChooseNewPorts()
        {
            ClientPort = FreePort.Next();
            SecureClientPort = options.Tls == null ? (int?)null : FreePort.Next();
            AdminPort = options.AdminServer ? FreePort.Next() : (int?)null;
            QuorumPort = MyId == null ? 0 : FreePort.Next();
            ElectionPort = MyId == null ? 0 : FreePort.Next();
        }

        /// <summary>The server.N lines of every member; set by the ensemble before the first start.</summary>
        internal void SetEnsemble(IReadOnlyList<string> serverLines) => ensembleLines = serverLines;

        /// <summary>
        /// The server.N line of this member: "server.N=127.0.0.1:quorumPort:electionPort", with ":participant;127.0.0.1:clientPort"
        /// when <see cref="ZooKeeperServerOptions.ReconfigEnabled"/> is set (the form a reconfiguration adds a member with).
        /// </summary>
        public string EnsembleLine() =>
            options.ReconfigEnabled
                ? string.Format(CultureInfo.InvariantCulture, "server.{0}=127.0.0.1:{1}:{2}:participant;127.0.0.1:{3}", MyId, QuorumPort, ElectionPort, ClientPort)
                : string.Format(CultureInfo.InvariantCulture, "server.{0}=127.0.0.1:{1}:{2}", MyId, QuorumPort, ElectionPort);

        /// <summary>Starts the java process without waiting for it to serve.</summary>
        internal void Launch()
        {
            if (disposed)
            {
                throw new ObjectDisposedException(ToString());
            }

            if (IsRunning)
            {
                throw new InvalidOperationException($"{this} is already running (pid {process!.Id}).");
            }

            string configFile = ServerConfiguration.WriteZooCfg(this, options, ensembleLines);
            process = LoggedProcess.Start(
                installation.JavaPath, ServerConfiguration.JavaArguments(this, options, installation, configFile), DataDirectory, LogFile);
        }

        /// <summary>Waits until ruok answers imok and srvr names a mode; kills the server and throws with its log tail otherwise.</summary>
        internal void WaitUntilServing(DateTime deadline)
        {
            while (!IsServing())
            {
                if (DateTime.UtcNow > deadline)
                {
                    Kill();
                    throw new ZooKeeperStartException(
                        $"{this} did not serve requests within {options.StartTimeout}. Log {LogFile} ends with:{Environment.NewLine}{LogTail()}",
                        portInUse: false);
                }

                Thread.Sleep(200);
            }
        }

        /// <summary>True when ruok answers imok and srvr names a mode; throws with the log tail when the process died.</summary>
        internal bool IsServing()
        {
            if (process == null || process.HasExited)
            {
                int? exitCode = process?.ExitCode;
                process?.Forget();
                process = null;
                string tail = LogTail();
                throw new ZooKeeperStartException(
                    $"{this} exited during startup (exit code {exitCode}). Log {LogFile} ends with:{Environment.NewLine}{tail}",
                    portInUse: tail.IndexOf("Address already in use", StringComparison.OrdinalIgnoreCase) >= 0);
            }

            return AnswersRuok() && Mode() != null && AnswersSecureRuok();
        }

        internal string LogTail(int lines = 40) => LoggedProcess.Tail(LogFile, lines);

        private bool AnswersRuok()
        {
            try
            {
                return FourLetterWord("ruok").Trim() == "imok";
            }
            catch (Exception e) when (e is IOException || e is System.Net.Sockets.SocketException || e is TimeoutException || e is AggregateException)
            {
                return false;
            }
        }

        /// <summary>
        /// A standalone server answers on the plain port before its TLS port is bound (ZooKeeperServerMain starts them in
        /// that order), so a TLS server is ready only when ruok over TLS answers too. A real handshake, because a bare
        /// connection that closes without one makes the server log an error.
        /// </summary>
        private bool AnswersSecureRuok()
        {
            if (SecureClientPort == null)
            {
                return true;
            }

            try
            {
                return SecureFourLetterWord("ruok").Trim() == "imok";
            }
            catch (Exception e) when (e is IOException || e is System.Net.Sockets.SocketException || e is TimeoutException || e is AggregateException ||
                                      e is System.Security.Authentication.AuthenticationException)
            {
                return false;
            }
        }

        private int RequireSecurePort() =>
            SecureClientPort ?? throw new InvalidOperationException($"{this} has no TLS port: start it with ZooKeeperServerOptions.Tls set.");

        private void DeleteDataDirectory()
        {
            for (int attempt = 1; ; attempt++)
            {
                try
                {
                    if (Directory.Exists(DataDirectory))
                    {
                        Directory.Delete(DataDirectory, recursive: true);
                    }

                    return;
                }
                catch (IOException) when (attempt < 5)
                {
                    // A file may still be held for a moment after the process died (Windows).
                    Thread.Sleep(200);
                }
            }
        }
    }
}
