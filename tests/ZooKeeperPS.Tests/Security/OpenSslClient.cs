using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Security
{
    /// <summary>
    /// Sends ruok to a TLS port with openssl s_client: the exit code says whether the handshake succeeded, the output
    /// holds the negotiated protocol, the verification result and the server's reply (imok).
    /// </summary>
    internal static class OpenSslClient
    {
        public static ToolResult Ruok(
            int port,
            string caPath,
            TestCertificate? clientCertificate = null,
            string? protocol = null,
            bool verify = true,
            string hostName = "localhost")
        {
            var arguments = new List<string>
            {
                "s_client", "-connect", "127.0.0.1:" + port.ToString(CultureInfo.InvariantCulture), "-CAfile", caPath,
                // Keep reading after stdin ends, until the server has answered and closed.
                "-ign_eof",
            };

            // A name is sent (SNI) and checked against the DNS names, an address against the IP addresses.
            bool isAddress = IPAddress.TryParse(hostName, out _);
            if (!isAddress)
            {
                arguments.AddRange(new[] { "-servername", hostName });
            }

            if (verify)
            {
                arguments.AddRange(new[] { "-verify_return_error", isAddress ? "-verify_ip" : "-verify_hostname", hostName });
            }

            if (clientCertificate != null)
            {
                arguments.AddRange(new[] { "-cert", clientCertificate.CertificatePath, "-key", clientCertificate.KeyPath });
            }

            if (protocol != null)
            {
                arguments.Add(protocol == "TLSv1.3" ? "-tls1_3" : "-tls1_2");
            }

            return ExternalTool.RunUnchecked("openssl", arguments, Path.GetTempPath(), standardInput: "ruok");
        }
    }
}
