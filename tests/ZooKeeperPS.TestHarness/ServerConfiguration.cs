using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// The files and the java command line of one server: zoo.cfg, the log configuration and, for SASL, the JAAS file,
    /// all in the server's own temp folder. Precedence: the harness defaults, then the TLS and SASL settings, then the
    /// test's own <see cref="ZooKeeperServerOptions.Config"/> and <see cref="ZooKeeperServerOptions.SystemProperties"/>.
    /// </summary>
    internal static class ServerConfiguration
    {
        public static string WriteZooCfg(ZooKeeperServer server, ZooKeeperServerOptions options, IEnumerable<string> ensembleLines)
        {
            string dataDir = Path.Combine(server.DataDirectory, "data");
            Directory.CreateDirectory(dataDir);
            var settings = new Dictionary<string, string>
            {
                ["tickTime"] = options.TickTimeMilliseconds.ToString(CultureInfo.InvariantCulture),
                ["initLimit"] = "20",
                ["syncLimit"] = "10",
                ["dataDir"] = dataDir.Replace('\\', '/'),
                ["clientPort"] = server.ClientPort.ToString(CultureInfo.InvariantCulture),
                ["clientPortAddress"] = "127.0.0.1",
                // Every test connects from 127.0.0.1; the default limit of 60 connections per address would refuse some.
                ["maxClientCnxns"] = "0",
                // The default maximum (20 ticks = 10 s) would silently shorten the session timeouts that tests ask for.
                ["maxSessionTimeout"] = "60000",
                ["4lw.commands.whitelist"] = "*",
                ["admin.enableServer"] = "false",
                ["standaloneEnabled"] = "true",
            };
            if (options.Tls != null)
            {
                AddAll(settings, options.Tls.ZooCfgSettings(server.SecureClientPort!.Value));
            }

            if (options.Sasl != null)
            {
                AddAll(settings, options.Sasl.ZooCfgSettings());
            }

            if (options.AdminServer)
            {
                settings["admin.enableServer"] = "true";
                settings["admin.serverAddress"] = "127.0.0.1";
                settings["admin.serverPort"] = server.AdminPort!.Value.ToString(CultureInfo.InvariantCulture);
            }

            if (options.ReconfigEnabled)
            {
                settings["reconfigEnabled"] = "true";
            }

            AddAll(settings, options.Config);

            var lines = settings.Select(s => s.Key + "=" + s.Value).Concat(ensembleLines);
            string configFile = Path.Combine(server.DataDirectory, "zoo.cfg");
            File.WriteAllText(configFile, string.Join("\n", lines) + "\n");
            if (server.MyId != null)
            {
                File.WriteAllText(Path.Combine(dataDir, "myid"), server.MyId.Value.ToString(CultureInfo.InvariantCulture) + "\n");
            }

            return configFile;
        }

        public static List<string> JavaArguments(
            ZooKeeperServer server, ZooKeeperServerOptions options, ZooKeeperInstallation installation, string configFile)
        {
            string logbackConfig = Path.Combine(server.DataDirectory, "logback.xml");
            string log4jConfig = Path.Combine(server.DataDirectory, "log4j.properties");
            WriteLogConfiguration(logbackConfig, log4jConfig);

            var properties = new Dictionary<string, string>
            {
                ["zookeeper.extendedTypesEnabled"] = "true",
                ["readonlymode.enabled"] = "true",
                ["zookeeper.DigestAuthenticationProvider.superDigest"] = SuperDigest(),
                ["znode.container.checkIntervalMs"] = "1000",
                ["zookeeper.admin.enableServer"] = "false",
                ["java.net.preferIPv4Stack"] = "true",
                ["zookeeper.log.dir"] = server.DataDirectory,
                ["logback.configurationFile"] = logbackConfig,
                ["log4j.configuration"] = new Uri(log4jConfig).AbsoluteUri,
                ["org.slf4j.simpleLogger.defaultLogLevel"] = "info",
                ["org.slf4j.simpleLogger.showDateTime"] = "true",
                ["org.slf4j.simpleLogger.dateTimeFormat"] = "HH:mm:ss.SSS",
            };
            if (options.AdminServer)
            {
                properties["zookeeper.admin.enableServer"] = "true";
            }

            if (options.Sasl != null)
            {
                string jaasFile = Path.Combine(server.DataDirectory, "jaas.conf");
                File.WriteAllText(jaasFile, options.Sasl.JaasServerSection());
                AddAll(properties, options.Sasl.SystemProperties(jaasFile));
            }

            AddAll(properties, options.SystemProperties);

            var arguments = new List<string>
            {
                "-Xmx" + options.MaxHeapMegabytes.ToString(CultureInfo.InvariantCulture) + "m",
                // Many short-lived JVMs on few cores: a small collector and the quick JIT tier start fastest.
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
            };
            arguments.AddRange(properties.Select(p => "-D" + p.Key + "=" + p.Value));
            arguments.Add("-cp");
            // Only the TLS server needs Netty (NettyServerCnxnFactory), and only it fails without the jars; only the
            // AdminServer needs the servlet API.
            string classPath = options.Tls != null ? installation.ClassPathWithNetty() : installation.ClassPath;
            arguments.Add(options.AdminServer ? installation.WithServletApi(classPath) : classPath);
            arguments.Add("org.apache.zookeeper.server.quorum.QuorumPeerMain");
            arguments.Add(configFile);
            return arguments;
        }

        private static void AddAll(IDictionary<string, string> target, IEnumerable<KeyValuePair<string, string>> source)
        {
            foreach (var setting in source)
            {
                target[setting.Key] = setting.Value;
            }
        }

        private static string SuperDigest()
        {
            using var sha1 = SHA1.Create();
            byte[] hash = sha1.ComputeHash(Encoding.UTF8.GetBytes(ZooKeeperServer.SuperUser + ":" + ZooKeeperServer.SuperPassword));
            return ZooKeeperServer.SuperUser + ":" + Convert.ToBase64String(hash);
        }

        private static void WriteLogConfiguration(string logbackConfig, string log4jConfig)
        {
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
        }
    }
}
