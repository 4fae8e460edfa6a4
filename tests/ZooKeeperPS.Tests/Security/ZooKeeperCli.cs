using System.Collections.Generic;
using System.IO;
using System.Linq;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>
    /// Runs one zkCli command with Apache's own Java client (org.apache.zookeeper.ZooKeeperMain, from the jars the servers
    /// run from): the oracle where kazoo 2.8 falls short, such as the reply code of enforced authentication, which it
    /// does not know.
    /// </summary>
    internal static class ZooKeeperCli
    {
        public static ToolResult Run(string connectionString, IEnumerable<string> command, IDictionary<string, string>? systemProperties = null)
        {
            ZooKeeperInstallation installation = ZooKeeperInstallation.Find();
            var properties = new Dictionary<string, string> { ["zookeeper.sasl.client"] = "false" };
            foreach (var property in systemProperties ?? new Dictionary<string, string>())
            {
                properties[property.Key] = property.Value;
            }

            var arguments = properties.Select(p => "-D" + p.Key + "=" + p.Value)
                .Concat(new[] { "-cp", installation.ClassPath, "org.apache.zookeeper.ZooKeeperMain", "-server", connectionString })
                .Concat(command);
            return ExternalTool.RunUnchecked(installation.JavaPath, arguments, Path.GetTempPath());
        }
    }
}
