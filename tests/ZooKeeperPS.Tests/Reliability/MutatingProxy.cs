#nullable enable
// Also compiled by Add-Type in the Pester tests, where the project's Nullable setting does not apply.
using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// A loopback proxy in front of a real server that understands ZooKeeper's 4-byte length-prefixed frames in both
/// directions, so a test can rewrite one chosen reply (its length prefix, xid, zxid, body) or drop one chosen
/// request, and a fuzzer can mutate replies one by one. Four-letter words pass through untouched.
/// </summary>
public sealed class MutatingProxy : IDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly List<ProxiedConnection> _connections = new();
    private readonly List<ReplyRule> _replyRules = new();
    private readonly List<(int OpCode, TaskCompletionSource<int> Dropped)> _dropRules = new();
    private volatile bool _accepting = true;
    private int _connectionCount;

    public MutatingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        _ = AcceptLoopAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public string ConnectionString => "127.0.0.1:" + Port;

    /// <summary>When false, new connections are closed at once (the server looks down).</summary>
    public bool Accepting
    {
        get => _accepting;
        set => _accepting = value;
    }

    /// <summary>Connections accepted so far, four-letter words included.</summary>
    public int ConnectionCount => Volatile.Read(ref _connectionCount);

    /// <summary>
    /// Called (on the connection's pump) for every reply that no one-shot rule took; returns what to send instead,
    /// or null to pass the reply on. The fuzzer sets it.
    /// </summary>
    public Func<ProxiedReply, ReplyRewrite?>? Mutator { get; set; }

    /// <summary>
    /// Rewrites the next reply that <paramref name="which"/> selects. The task completes with the original reply once
    /// the rewritten bytes have been sent.
    /// </summary>
    public Task<ProxiedReply> RewriteNextReply(Func<ProxiedReply, bool> which, Func<ProxiedReply, ReplyRewrite> how)
    {
        var rule = new ReplyRule(which, how);
        lock (_replyRules) _replyRules.Add(rule);
        return rule.Applied.Task;
    }

    /// <summary>
    /// Swallows the next request with this opcode: the client has sent it, the server never hears of it, and the
    /// connection stays up. The task completes with the request's xid.
    /// </summary>
    public Task<int> DropNextRequest(int opCode)
    {
        var dropped = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_dropRules) _dropRules.Add((opCode, dropped));
        return dropped.Task;
    }

    /// <summary>Cuts every open connection, as a network failure would.</summary>
    public void CutAll()
    {
        foreach (var connection in OpenConnections()) connection.Cut();
    }

    public IReadOnlyList<ProxiedConnection> OpenConnections()
    {
        lock (_connections) return _connections.ToArray();
    }

    /// <summary>What to send instead of the reply, or null; <paramref name="sent"/> is to be called once it is written.</summary>
    internal ReplyRewrite? Rewrite(ProxiedReply reply, out Action? sent)
    {
        sent = null;
        ReplyRule? chosen = null;
        lock (_replyRules)
        {
            foreach (var rule in _replyRules)
            {
                if (!rule.Which(reply)) continue;
                chosen = rule;
                _replyRules.Remove(rule);
                break;
            }
        }

        if (chosen is null) return Mutator?.Invoke(reply);
        try
        {
            var rewrite = chosen.How(reply);
            sent = () => chosen.Applied.TrySetResult(reply);
            return rewrite;
        }
        catch (Exception e)
        {
            chosen.Applied.TrySetException(e);
            return null;
        }
    }

    internal bool ShouldDrop(int opCode, int xid)
    {
        lock (_dropRules)
        {
            var index = _dropRules.FindIndex(rule => rule.OpCode == opCode);
            if (index < 0) return false;
            _dropRules[index].Dropped.TrySetResult(xid);
            _dropRules.RemoveAt(index);
            return true;
        }
    }

    internal void Forget(ProxiedConnection connection)
    {
        lock (_connections) _connections.Remove(connection);
    }

    private async Task AcceptLoopAsync()
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                return; // the listener was stopped
            }

            var id = Interlocked.Increment(ref _connectionCount);
            if (!_accepting)
            {
                client.Dispose();
                continue;
            }

            var connection = new ProxiedConnection(this, id, client, _targetPort);
            lock (_connections) _connections.Add(connection);
            _ = connection.RunAsync();
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        CutAll();
    }

    private sealed class ReplyRule
    {
        public ReplyRule(Func<ProxiedReply, bool> which, Func<ProxiedReply, ReplyRewrite> how)
        {
            Which = which;
            How = how;
        }

        public Func<ProxiedReply, bool> Which { get; }

        public Func<ProxiedReply, ReplyRewrite> How { get; }

        public TaskCompletionSource<ProxiedReply> Applied { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
