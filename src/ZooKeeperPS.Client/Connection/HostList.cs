using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client.Connection;

/// <summary>The servers in a random order, tried round-robin (so clients spread over the ensemble).</summary>
internal sealed class HostList
{
    private readonly HostEndpoint[] _hosts;
    private int _next;

    public HostList(IReadOnlyList<HostEndpoint> hosts, Random random)
    {
        _hosts = new HostEndpoint[hosts.Count];
        for (var i = 0; i < hosts.Count; i++) _hosts[i] = hosts[i];
        for (var i = _hosts.Length - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (_hosts[i], _hosts[j]) = (_hosts[j], _hosts[i]);
        }
    }

    public int Count => _hosts.Length;

    public IReadOnlyList<HostEndpoint> All => _hosts;

    /// <summary>The next server to try.</summary>
    public HostEndpoint Next()
    {
        var host = _hosts[_next];
        _next = (_next + 1) % _hosts.Length;
        return host;
    }

    public override string ToString() => string.Join(",", (IEnumerable<HostEndpoint>)_hosts);
}
