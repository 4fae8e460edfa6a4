using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
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
        private readonly object logLock = new object();
        private IReadOnlyList<string> ensembleLines = Array.Empty<string>();
        private Process? process;
        private StreamWriter? log;
        private bool disposed;

        internal ZooKeeperServer(ZooKeeperInstallation installation, ZooKeeperServerOptions options, int? myId)
        {
            this.installation = installation;
            this.options = options;
            MyId = myId;
            DataDirectory = Path.Combine(Path.GetTempPath(), "zkps-" + Guid.NewGuid().ToString("N").Substring(0, 12));
            Directory.CreateDirectory(DataDirectory);
            ChooseNewPorts();
            ServerRegistry.Add(this);
        }

        /// <summary>The server's own temp folder: zoo.cfg, the data folder and zookeeper.log. Deleted by <see cref="Dispose"/>.</summary>
        public string DataDirectory { get; }

        /// <summary>Everything the JVM wrote (ZooKeeper's log, stdout and stderr).</summary>
        public string LogFile => Path.Combine(DataDirectory, "zookeeper.log");

        public int ClientPort { get; private set; }

        /// <summary>The port followers use to talk to the leader (ensembles only).</summary>
        public int QuorumPort { get; private set; }

        /// <summary>The leader election port (ensembles only).</summary>
        public int ElectionPort { get; private set; }

        /// <summary>The server id in an ensemble; null for a standalone server.</summary>
        public int? MyId { get; }

        public string ConnectionString => "127.0.0.1:" + ClientPort.ToString(CultureInfo.InvariantCulture);

        public bool IsRunning => process != null && !process.HasExited;

        /// <summary>The java process id while the server runs.</summary>
        public int ProcessId => process?.Id ?? throw new InvalidOperationException("The server is not running.");

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
            Process? running = process;
            if (running == null)
            {
                return;
            }

            if (!running.HasExited && !RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                using Process? term = Process.Start(new ProcessStartInfo("kill", "-TERM " + running.Id.ToString(CultureInfo.InvariantCulture))
                {
                    UseShellExecute = false,
                    CreateNoWindow = true,
                });
                term?.WaitForExit();
                if (running.WaitForExit((int)GracefulStopTimeout.TotalMilliseconds))
                {
                    ForgetProcess();
                    return;
                }
            }

            Kill();
        }

        /// <summary>Kills the server at once (SIGKILL, like kill -9), as a crash would, and waits until the process is gone.</summary>
        public void Kill()
        {
            Process? running = process;
            if (running == null)
            {
                return;
            }

            try
            {
                if (!running.HasExited)
                {
                    running.Kill();
                }
            }
            catch (InvalidOperationException)
            {
                // It exited between the check and the kill.
            }

            ForgetProcess();
        }

        /// <summary>Sends a four-letter command (ruok, srvr, stat, mntr, cons, ...) and returns the reply.</summary>
        public string FourLetterWord(string word) =>
            FourLetterWordClient.Send("127.0.0.1", ClientPort, word, FourLetterWordTimeout);

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
            ServerRegistry.Remove(this);
            DeleteDataDirectory();
        }

        public override string ToString() => MyId == null ? $"ZooKeeper {ConnectionString}" : $"ZooKeeper #{MyId} {ConnectionString}";

        internal void ChooseNewPorts()
        {
            ClientPort = FreePort.Next();
            QuorumPort = MyId == null ? 0 : FreePort.Next();
            ElectionPort = MyId == null ? 0 : FreePort.Next();
        }

        /// <summary>The server.N lines of every member; set by the ensemble before the first start.</summary>
        internal void SetEnsemble(IReadOnlyList<string> serverLines) => ensembleLines = serverLines;

        internal string EnsembleLine() =>
            string.Format(CultureInfo.InvariantCulture, "server.{0}=127.0.0.1:{1}:{2}", MyId, QuorumPort, ElectionPort);

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

            ForgetProcess();
            string configFile = WriteConfiguration();
            var startInfo = new ProcessStartInfo(installation.JavaPath, JavaArguments(configFile))
            {
                UseShellExecute = false,
                CreateNoWindow = true,
                // The server must not read from (or hold) the console of the test process.
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = DataDirectory,
            };

            log = new StreamWriter(new FileStream(LogFile, FileMode.Append, FileAccess.Write, FileShare.ReadWrite), new UTF8Encoding(false))
            {
                AutoFlush = true,
            };
            var started = new Process { StartInfo = startInfo };
            started.OutputDataReceived += (_, e) => WriteLog(e.Data);
            started.ErrorDataReceived += (_, e) => WriteLog(e.Data);
            started.Start();
            started.BeginOutputReadLine();
            started.BeginErrorReadLine();
            process = started;
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
                string tail = LogTail();
                int? exitCode = process?.ExitCode;
                ForgetProcess();
                throw new ZooKeeperStartException(
                    $"{this} exited during startup (exit code {exitCode}). Log {LogFile} ends with:{Environment.NewLine}{tail}",
                    portInUse: tail.IndexOf("Address already in use", StringComparison.OrdinalIgnoreCase) >= 0);
            }

            return AnswersRuok() && Mode() != null;
        }

        internal string LogTail(int lines = 40)
        {
            lock (logLock)
            {
                if (!File.Exists(LogFile))
                {
                    return "(no log)";
                }

                using var reader = new StreamReader(new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
                var all = reader.ReadToEnd().Split('\n');
                return string.Join("\n", all.Skip(Math.Max(0, all.Length - lines)));
            }
        }

        private static string SuperDigest()
        {
            using var sha1 = SHA1.Create();
            byte[] hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(SuperUser + ":" + SuperPassword));
            return SuperUser + ":" + Convert.ToBase64String(hash);
        }

        private static string Quote(string argument) =>
            argument.IndexOfAny(new[] { ' ', '"', '\t' }) < 0 ? argument : "\"" + argument.Replace("\"", "\\\"") + "\"";

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

        private string WriteConfiguration()
        {
            string dataDir = Path.Combine(DataDirectory, "data");
            Directory.CreateDirectory(dataDir);
            var settings = new Dictionary<string, string>
            {
                ["tickTime"] = options.TickTimeMilliseconds.ToString(CultureInfo.InvariantCulture),
                ["initLimit"] = "20",
                ["syncLimit"] = "10",
                ["dataDir"] = dataDir.Replace('\\', '/'),
                ["clientPort"] = ClientPort.ToString(CultureInfo.InvariantCulture),
                ["clientPortAddress"] = "127.0.0.1",
                // Every test connects from 127.0.0.1; the default limit of 60 connections per address would refuse some.
                ["maxClientCnxns"] = "0",
                // The default maximum (20 ticks = 10 s) would silently shorten the session timeouts that tests ask for.
                ["maxSessionTimeout"] = "60000",
                ["4lw.commands.whitelist"] = "*",
                ["admin.enableServer"] = "false",
                ["standaloneEnabled"] = "true",
            };
            foreach (var setting in options.Config)
            {
                settings[setting.Key] = setting.Value;
            }

            var lines = settings.Select(s => s.Key + "=" + s.Value).Concat(ensembleLines);
            string configFile = Path.Combine(DataDirectory, "zoo.cfg");
            File.WriteAllText(configFile, string.Join("\n", lines) + "\n");
            if (MyId != null)
            {
                File.WriteAllText(Path.Combine(dataDir, "myid"), MyId.Value.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            return configFile;
        }

        private string JavaArguments(string configFile)
        {
            string logbackConfig = Path.Combine(DataDirectory, "logback.xml");
            string log4jConfig = Path.Combine(DataDirectory, "log4j.properties");

            // ZooKeeper 3.8+ logs through logback and 3.5-3.7 through log4j 1.2; the jars decide which file is read.
            // Both send INFO and up to the console, which the harness copies into zookeeper.log.
            File.WriteAllText(logbackConfig,
                "<configuration>\n" +
                "  <appender name=\"CONSOLE\" class=\"ch.qos.logback.core.ConsoleAppender\">\n" +
                "    <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{0} - %msg%n</pattern></encoder>\n" +
                "  </appender>\n" +
                "  <root level=\"INFO\"><appender-ref ref=\"CONSOLE\"/></root>\n" +
                "</configuration>\n");
            File.WriteAllText(log4jConfig,
                "log4j.rootLogger=INFO, CONSOLE\n" +
                "log4j.appender.CONSOLE=org.apache.log4j.ConsoleAppender\n" +
                "log4j.appender.CONSOLE.layout=org.apache.log4j.PatternLayout\n" +
                "log4j.appender.CONSOLE.layout.ConversionPattern=%d{HH:mm:ss,SSS} %-5p [%t] %c{1} - %m%n\n");

            var properties = new Dictionary<string, string>
            {
                ["zookeeper.extendedTypesEnabled"] = "true",
                ["readonlymode.enabled"] = "true",
                ["zookeeper.DigestAuthenticationProvider.superDigest"] = SuperDigest(),
                ["znode.container.checkIntervalMs"] = "1000",
                ["zookeeper.admin.enableServer"] = "false",
                ["java.net.preferIPv4Stack"] = "true",
                ["zookeeper.log.dir"] = DataDirectory,
                ["logback.configurationFile"] = logbackConfig,
                ["log4j.configuration"] = new Uri(log4jConfig).AbsoluteUri,
                ["org.slf4j.simpleLogger.defaultLogLevel"] = "info",
                ["org.slf4j.simpleLogger.showDateTime"] = "true",
                ["org.slf4j.simpleLogger.dateTimeFormat"] = "HH:mm:ss.SSS",
            };
            foreach (var property in options.SystemProperties)
            {
                properties[property.Key] = property.Value;
            }

            var arguments = new List<string>
            {
                "-Xmx" + options.MaxHeapMegabytes.ToString(CultureInfo.InvariantCulture) + "m",
                // Many short-lived JVMs on few cores: a small collector and the quick JIT tier start fastest.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
            };
            arguments.AddRange(properties.Select(p => "-D" + p.Key + "=" + p.Value));
            arguments.Add("-cp");
            arguments.Add(installation.ClassPath);
            arguments.Add("org.apache.zookeeper.server.quorum.QuorumPeerMain");
            arguments.Add(configFile);
            return string.Join(" ", arguments.Select(Quote));
        }

        private void WriteLog(string? line)
        {
            if (line == null)
            {
                return;
            }

            lock (logLock)
            {
                log?.WriteLine(line);
            }
        }

        /// <summary>Waits for a dead process to be reaped and its output drained, then lets go of it and of the log.</summary>
        private void ForgetProcess()
        {
            Process? old = process;
            process = null;
            if (old != null)
            {
                old.WaitForExit();
                old.Dispose();
            }

            lock (logLock)
            {
                log?.Dispose();
                log = null;
            }
        }

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
