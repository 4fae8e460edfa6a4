using System;
using System.IO;
using System.Net.Sockets;
using System.Text;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>Sends one of ZooKeeper's four-letter commands (ruok, srvr, mntr, ...) and reads the reply until the server closes.</summary>
    internal static class FourLetterWordClient
    {
        public static string Send(string host, int port, string word, TimeSpan timeout)
        {
            if (word == null || word.Length != 4)
            {
                throw new ArgumentException("A four-letter word has exactly four letters.", nameof(word));
            }

            using var client = new TcpClient();
            int timeoutMs = (int)timeout.TotalMilliseconds;
            if (!client.ConnectAsync(host, port).Wait(timeoutMs))
            {
                throw new TimeoutException($"No connection to {host}:{port} within {timeout}.");
            }

            client.ReceiveTimeout = timeoutMs;
            client.SendTimeout = timeoutMs;
            using NetworkStream stream = client.GetStream();
            byte[] request = Encoding.ASCII.GetBytes(word);
            stream.Write(request, 0, request.Length);

            using var reply = new MemoryStream();
            stream.CopyTo(reply);
            return Encoding.UTF8.GetString(reply.ToArray());
        }
    }
}
