using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>
    /// Where java and the ZooKeeper jars are: ZOOKEEPER_CLASSPATH, else ZOOKEEPER_HOME (lib/*.jar and the jars in its root),
    /// else Debian's /usr/share/java/zookeeper.jar (whose manifest names its dependencies). Java comes from JAVA_HOME or PATH.
    /// </summary>
    public sealed class ZooKeeperInstallation
    {
        private const string DebianZooKeeperJar = "/usr/share/java/zookeeper.jar";

        // Debian's zookeeper.jar names no slf4j binding, so its log would be empty; slf4j-simple (shipped beside it) writes to stderr.
        private const string DebianSlf4jSimpleJar = "/usr/share/java/slf4j-simple.jar";

        // Debian's zookeeper.jar names only some of the Netty jars that NettyServerCnxnFactory (the TLS server) loads:
        // not netty-codec (SslHandler's base class), netty-resolver or netty-transport-native-unix-common.
        private static readonly string[] DebianNettyJars =
        {
            "netty-handler", "netty-transport", "netty-buffer", "netty-common", "netty-codec", "netty-resolver",
            "netty-transport-native-epoll", "netty-transport-native-unix-common",
        };

        private const string DebianServletApiJar = "/usr/share/java/servlet-api.jar";

        private readonly bool isDebian;

        private ZooKeeperInstallation(string javaPath, string classPath, bool usesSlf4jSimple, bool isDebian = false)
        {
            JavaPath = javaPath;
            ClassPath = classPath;
            UsesSlf4jSimple = usesSlf4jSimple;
            this.isDebian = isDebian;
        }

        public string JavaPath { get; }

        public string ClassPath { get; }

        internal bool UsesSlf4jSimple { get; }

        /// <summary>
        /// The class path for a TLS server: <see cref="ClassPath"/>, plus Debian's Netty jars (libnetty-java) when the
        /// ZooKeeper jars are Debian's; a release (ZOOKEEPER_HOME) or ZOOKEEPER_CLASSPATH brings its own Netty.
        /// </summary>
        public string ClassPathWithNetty()
        {
            if (!isDebian)
            {
                return ClassPath;
            }

            var jars = DebianNettyJars.Select(name => "/usr/share/java/" + name + ".jar").ToList();
            var missing = jars.Where(jar => !File.Exists(jar)).ToList();
            if (missing.Count > 0)
            {
                throw new InvalidOperationException(
                    $"The TLS server needs Debian's Netty jars, and {string.Join(", ", missing)} are missing: apt-get install -y libnetty-java " +
                    "('build.ps1 Test' installs it).");
            }

            return string.Join(Path.PathSeparator.ToString(), new[] { ClassPath }.Concat(jars));
        }

        /// <summary>
        /// The class path for a server with the AdminServer: <paramref name="classPath"/>, plus Debian's servlet API jar
        /// when the ZooKeeper jars are Debian's (its manifest names the Jetty jars of libjetty9-java, but not the
        /// javax.servlet classes they need); a release brings its own.
        /// </summary>
        public string WithServletApi(string classPath)
        {
            if (!isDebian)
            {
                return classPath;
            }

            if (!File.Exists(DebianServletApiJar))
            {
                throw new InvalidOperationException(
                    $"The AdminServer needs Debian's Jetty and servlet API jars, and {DebianServletApiJar} is missing: apt-get install -y libjetty9-java.");
            }

            return classPath + Path.PathSeparator + DebianServletApiJar;
        }

        /// <summary>Finds java and ZooKeeper, or throws an exception that says exactly what to install or set.</summary>
        public static ZooKeeperInstallation Find()
        {
            string javaPath = FindJava() ?? throw new InvalidOperationException(
                "Java was not found: install a Java 11+ runtime (on Debian: apt-get install -y default-jre-headless) or set JAVA_HOME.");

            string? classPath = Environment.GetEnvironmentVariable("ZOOKEEPER_CLASSPATH");
            if (!string.IsNullOrWhiteSpace(classPath))
            {
                return new ZooKeeperInstallation(javaPath, classPath!, usesSlf4jSimple: false);
            }

            string? home = Environment.GetEnvironmentVariable("ZOOKEEPER_HOME");
            if (!string.IsNullOrWhiteSpace(home))
            {
                var jars = JarsIn(Path.Combine(home!, "lib")).Concat(JarsIn(home!)).ToList();
                if (jars.Count == 0)
                {
                    throw new InvalidOperationException($"ZOOKEEPER_HOME is '{home}', but it holds no jars in lib/ or its root.");
                }

                return new ZooKeeperInstallation(javaPath, string.Join(Path.PathSeparator.ToString(), jars), usesSlf4jSimple: false);
            }

            if (File.Exists(DebianZooKeeperJar))
            {
                bool simple = File.Exists(DebianSlf4jSimpleJar);
                string debianClassPath = simple ? DebianZooKeeperJar + Path.PathSeparator + DebianSlf4jSimpleJar : DebianZooKeeperJar;
                return new ZooKeeperInstallation(javaPath, debianClassPath, simple, isDebian: true);
            }

            throw new InvalidOperationException(
                "Apache ZooKeeper was not found: set ZOOKEEPER_HOME to an unpacked Apache ZooKeeper 3.5-3.9 binary release, " +
                "or ZOOKEEPER_CLASSPATH to its jars, or on Debian/Ubuntu run: apt-get install -y zookeeper");
        }

        private static IEnumerable<string> JarsIn(string folder) =>
            Directory.Exists(folder) ? Directory.GetFiles(folder, "*.jar").OrderBy(f => f, StringComparer.Ordinal) : Enumerable.Empty<string>();

        private static string? FindJava()
        {
            string executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "java.exe" : "java";
            string? javaHome = Environment.GetEnvironmentVariable("JAVA_HOME");
            if (!string.IsNullOrWhiteSpace(javaHome))
            {
                string candidate = Path.Combine(javaHome!, "bin", executable);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            string path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
            return path.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, executable))
                .FirstOrDefault(File.Exists);
        }
    }
}
