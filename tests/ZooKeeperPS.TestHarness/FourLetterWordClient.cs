using System;
using System.IO;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>Sends one of ZooKeeper's four-letter commands (ruok, srvr, mntr, ...) and reads the reply until the server closes.</summary>
    internal static class FourLetterWordClient
    {
        public static string Send(string host, int port, string word, TimeSpan timeout)
        {
            using var client = Connect(host, port, word, timeout);
            using NetworkStream stream = client.GetStream();
            return Exchange(stream, word);
        }

        /// <summary>
        /// The same over TLS, presenting <paramref name="clientCertificate"/> (a PFX) when given. The server's certificate
        /// is not checked: this proves that the TLS port serves, whichever certificate a test has it present.
        /// </summary>
        public static string SendOverTls(string host, int port, string word, TimeSpan timeout, TestCertificate? clientCertificate)
        {
            using var client = Connect(host, port, word, timeout);
            using var stream = new SslStream(client.GetStream(), leaveInnerStreamOpen: false, (_, _, _, _) => true);
            using X509Certificate2? certificate = clientCertificate == null ? null : new X509Certificate2(clientCertificate.PfxPath, clientCertificate.PfxPassword);
            var certificates = new X509CertificateCollection();
            if (certificate != null)
            {
                certificates.Add(certificate);
            }

            // SslProtocols.None lets the operating system offer what it supports (TLS 1.2 and 1.3).
            stream.AuthenticateAsClient("localhost", certificates, SslProtocols.None, checkCertificateRevocation: false);
            return Exchange(stream, word);
        }

        private static TcpClient Connect(string host, int port, string word, TimeSpan timeout)
        {
            if (word == null || word.Length != 4)
            {
                throw new ArgumentException("A four-letter word has exactly four letters.", nameof(word));
            }

            var client = new TcpClient();
            int timeoutMs = (int)timeout.TotalMilliseconds;
            if (!client.ConnectAsync(host, port).Wait(timeoutMs))
            {
                client.Dispose();
                throw new TimeoutException($"No connection to {host}:{port} within {timeout}.");
            }

            client.ReceiveTimeout = timeoutMs;
            client.SendTimeout = timeoutMs;
            return client;
        }

        private static string Exchange(Stream stream, string word)
        {
            byte[] request = Encoding.ASCII.GetBytes(word);
            stream.Write(request, 0, request.Length);

            using var reply = new MemoryStream();
            stream.CopyTo(reply);
            return Encoding.UTF8.GetString(reply.ToArray());
        }
    }
}
