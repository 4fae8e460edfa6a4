using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;

namespace ZooKeeperPS.TestHarness
{
    /// <summary>A ZooKeeper ensemble of real servers on loopback, each with its own client, quorum and election port.</summary>
    public sealed class ZooKeeperEnsemble : IDisposable
    {
        private const int PortInUseRetries = 3;
        private readonly ZooKeeperServerOptions options;

        private ZooKeeperEnsemble(IReadOnlyList<ZooKeeperServer> servers, ZooKeeperServerOptions options)
        {
            Servers = servers;
            this.options = options;
        }

        public IReadOnlyList<ZooKeeperServer> Servers { get; }

        /// <summary>Every member's client address: "127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3".</summary>
        public string ConnectionString => string.Join(",", Servers.Select(s => s.ConnectionString));

        /// <summary>Every member's TLS address, "127.0.0.1:s1,127.0.0.1:s2,..."; throws unless the options set Tls.</summary>
        public string SecureConnectionString => string.Join(",", Servers.Select(s => s.SecureConnectionString));

        /// <summary>Starts <paramref name="count"/> servers with the options that <paramref name="configure"/> sets (TLS, SASL, ...).</summary>
        public static ZooKeeperEnsemble Start(int count, Action<ZooKeeperServerOptions> configure)
        {
            var options = new ZooKeeperServerOptions();
            configure(options);
            return Start(count, options);
        }

        /// <summary>Starts <paramref name="count"/> servers and waits until all serve and exactly one of them leads.</summary>
        public static ZooKeeperEnsemble Start(int count = 3, ZooKeeperServerOptions? options = null)
        {
            if (count < 2)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "An ensemble has at least two servers; use ZooKeeperServer.StartStandalone for one.");
            }

            options ??= new ZooKeeperServerOptions();
            ZooKeeperInstallation installation = ZooKeeperInstallation.Find();
            for (int attempt = 1; ; attempt++)
            {
                var servers = Enumerable.Range(1, count).Select(id => new ZooKeeperServer(installation, options, id)).ToList();
                var ensemble = new ZooKeeperEnsemble(servers, options);
                try
                {
                    ensemble.StartAll();
                    return ensemble;
                }
                catch (ZooKeeperStartException e) when (e.PortInUse && attempt < PortInUseRetries)
                {
                    ensemble.Dispose();
                }
                catch
                {
                    ensemble.Dispose();
                    throw;
                }
            }
        }

        /// <summary>
        /// The current leader among the running servers. Waits (up to the start timeout) while an election is in progress,
        /// for instance right after the old leader was killed.
        /// </summary>
        public ZooKeeperServer Leader()
        {
            DateTime deadline = DateTime.UtcNow + options.StartTimeout;
            while (true)
            {
                ZooKeeperServer? leader = Servers.FirstOrDefault(s => s.Mode() == "leader");
                if (leader != null)
                {
                    return leader;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new TimeoutException($"No leader within {options.StartTimeout}. {Describe()}");
                }

                Thread.Sleep(200);
            }
        }

        /// <summary>
        /// Starts a server that is not yet a member, to be added by a reconfiguration (<see cref="ZooKeeperServerOptions.ReconfigEnabled"/>):
        /// the next server id, configured with every member and itself, syncing from the leader as a non-voting follower until
        /// the reconfiguration adds it. The caller disposes it (it is not among <see cref="Servers"/>).
        /// </summary>
        public ZooKeeperServer StartJoiningServer()
        {
            if (!options.ReconfigEnabled)
            {
                throw new InvalidOperationException("A server can join only an ensemble started with ZooKeeperServerOptions.ReconfigEnabled.");
            }

            int id = Servers.Max(s => s.MyId!.Value) + 1;
            var joiner = new ZooKeeperServer(ZooKeeperInstallation.Find(), options, id);
            try
            {
                joiner.SetEnsemble(Servers.Select(s => s.EnsembleLine()).Concat(new[] { joiner.EnsembleLine() }).ToList());
                joiner.Start();
                return joiner;
            }
            catch
            {
                joiner.Dispose();
                throw;
            }
        }

        /// <summary>Stops every server and deletes their temp folders.</summary>
        public void Dispose()
        {
            foreach (ZooKeeperServer server in Servers)
            {
                server.Dispose();
            }
        }

        private void StartAll()
        {
            var serverLines = Servers.Select(s => s.EnsembleLine()).ToList();
            foreach (ZooKeeperServer server in Servers)
            {
                server.SetEnsemble(serverLines);
            }

            // All members start at once: a member cannot serve before a quorum of the others is up.
            foreach (ZooKeeperServer server in Servers)
            {
                server.Launch();
            }

            // Every member is watched in each round, so that one that dies (a port taken meanwhile) fails the start at once.
            // A member that waited alone for its peers may serve read-only for a moment; the ensemble is ready when one
            // member leads and all others follow.
            DateTime deadline = DateTime.UtcNow + options.StartTimeout;
            while (true)
            {
                bool allServing = Servers.Select(s => s.IsServing()).ToList().All(serving => serving);
                if (allServing && HasFormedQuorum())
                {
                    return;
                }

                if (DateTime.UtcNow > deadline)
                {
                    throw new ZooKeeperStartException(
                        $"The ensemble did not form within {options.StartTimeout}. {Describe()} Log of {Servers[0]} ends with:{Environment.NewLine}{Servers[0].LogTail()}",
                        portInUse: false);
                }

                Thread.Sleep(200);
            }
        }

        private bool HasFormedQuorum()
        {
            var modes = Servers.Select(s => s.Mode()).ToList();
            return modes.Count(m => m == "leader") == 1 && modes.All(m => m == "leader" || m == "follower");
        }

        private string Describe()
        {
            var text = new StringBuilder();
            foreach (ZooKeeperServer server in Servers)
            {
                text.Append(server).Append(": ").Append(server.IsRunning ? server.Mode() ?? "not serving" : "stopped").Append("; ");
            }

            return text.ToString();
        }
    }
}
