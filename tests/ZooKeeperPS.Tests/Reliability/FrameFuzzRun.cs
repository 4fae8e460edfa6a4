using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ZooKeeperPS.Client;
using ZooKeeperPS.TestHarness;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>
/// One fuzz run: four workers call a session through <see cref="MutatingProxy"/> while <see cref="FrameMutator"/>
/// mutates server replies, until the target number of mutated frames. Harmless-looking mutations (bit flips) may
/// follow each other on a connection; a frame that cannot be right, a length change or a cut is the connection's
/// last, and for the first two a watchdog waits for the client to drop the connection (or cuts it itself), which
/// measures detection. Sessions that end (or can no longer reconnect) are replaced.
/// </summary>
internal sealed class FrameFuzzRun
{
    private const int Workers = 4;
    private const int Nodes = 16;
    private static readonly TimeSpan SessionTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MinimumGap = TimeSpan.FromMilliseconds(20);

    private readonly ZooKeeperServer _server;
    private readonly FuzzFigures _figures;
    private readonly FrameMutator _mutator;
    private readonly MutatingProxy _proxy;
    private readonly string _root = "/fuzz-" + Guid.NewGuid().ToString("N");
    private readonly ConcurrentDictionary<int, long> _lastMutation = new();
    private readonly ConcurrentDictionary<int, bool> _quarantined = new();
    private readonly List<Task> _background = new();
    private readonly SemaphoreSlim _replacing = new(1, 1);
    private volatile Task<ZooKeeperClient?> _current = Task.FromResult<ZooKeeperClient?>(null);
    private long _lastSuccess;
    private int _created;
    private volatile bool _stop;

    private FrameFuzzRun(ZooKeeperServer server, int seed, int target)
    {
        _server = server;
        _figures = new FuzzFigures(seed, target) { Deadline = SessionTimeout };
        _mutator = new FrameMutator(seed, probability: 0.15);
        _proxy = new MutatingProxy(server.ClientPort) { Mutator = OnReply };
    }

    /// <summary>Past the slow-call limit (deadline + 1 s), so the calls an undetected frame holds up count as slow too.</summary>
    private TimeSpan WatchLimit => SessionTimeout + TimeSpan.FromSeconds(1.5);

    private TimeSpan CallCap => SessionTimeout * 3;

    public static async Task<FuzzFigures> RunAsync(ZooKeeperServer server, int seed, int target)
    {
        var run = new FrameFuzzRun(server, seed, target);
        using var recorder = new UnobservedExceptionRecorder();
        await run.RunAsync();
        run._figures.Unobserved = recorder.Collect();
        return run._figures;
    }

    private async Task RunAsync()
    {
        var watch = Stopwatch.StartNew();
        UnhandledExceptionEventHandler onUnhandled = (_, e) => _figures.Crash("unhandled: " + e.ExceptionObject);
        AppDomain.CurrentDomain.UnhandledException += onUnhandled;
        try
        {
            using (var setup = await ZooKeeperClient.ConnectAsync(Options(_server.ConnectionString)))
            {
                await setup.CreateAsync(_root, null);
                for (var i = 0; i < Nodes; i++) await setup.CreateAsync($"{_root}/n{i}", new byte[] { (byte)i });
            }

            _current = ConnectAsync();
            var workers = Enumerable.Range(0, Workers).Select(i => WorkerAsync(new Random(_figures.Seed * 1000 + i))).ToArray();
            var budget = TimeSpan.FromSeconds(30) + TimeSpan.FromMilliseconds(500.0 * _figures.Target);
            var working = Task.WhenAll(workers);
            if (await Task.WhenAny(working, Task.Delay(budget)) != working && !_stop)
            {
                _figures.BudgetExceeded = true;
                _stop = true;
            }

            await working;
            Task[] background;
            lock (_background) background = _background.ToArray();
            await Task.WhenAll(background);
            if (await _current is { } last) await last.CloseAsync();
            _figures.Connections = _proxy.ConnectionCount;
            _proxy.Dispose();
            using var cleanup = await ZooKeeperClient.ConnectAsync(Options(_server.ConnectionString));
            foreach (var child in (await cleanup.GetChildrenAsync(_root)).Children) await cleanup.DeleteAsync($"{_root}/{child}");
            await cleanup.DeleteAsync(_root);
        }
        finally
        {
            AppDomain.CurrentDomain.UnhandledException -= onUnhandled;
            _figures.Duration = watch.Elapsed;
        }
    }

    private ZooKeeperClientOptions Options(string connectionString) => new()
    {
        ConnectionString = connectionString,
        SessionTimeout = SessionTimeout,
        ConnectTimeout = TimeSpan.FromSeconds(5),
        // A bug in the client's connection loop is logged, then ends the session: that is a crash.
        Log = message =>
        {
            if (message.StartsWith("the connection loop failed", StringComparison.Ordinal)) _figures.Crash(message);
        },
    };

    /// <summary>The proxy's mutator: picks at most one frame that cannot be right per connection, and starts its watchdog.</summary>
    private ReplyRewrite? OnReply(ProxiedReply reply)
    {
        Interlocked.Increment(ref _figures.Frames);
        var connection = reply.Connection.Id;
        var now = Stopwatch.GetTimestamp();
        if (_stop || _quarantined.ContainsKey(connection)) return null;
        if (_lastMutation.TryGetValue(connection, out var last) && Stopwatch.GetElapsedTime(last, now) < MinimumGap) return null;
        var mutation = _mutator.Next(reply);
        if (mutation is null) return null;
        if (Interlocked.Increment(ref _figures.Mutated) >= _figures.Target) _stop = true;
        _figures.Mutation(mutation.Kind);
        _lastMutation[connection] = now;
        // After a cut, or a length change that leaves the stream misframed, later frames would not be seen as frames:
        // mutating them would blur what this run measures.
        if (mutation.Kind is MutationKind.CutMidFrame or MutationKind.LengthChange) _quarantined[connection] = true;
        if (mutation.CannotBeRight || mutation.Kind == MutationKind.LengthChange)
        {
            _quarantined[connection] = true;
            if (mutation.CannotBeRight) Interlocked.Increment(ref _figures.CannotBeRight);
            lock (_background) _background.Add(WatchAsync(reply.Connection, mutation, now));
        }

        return mutation.Rewrite;
    }

    /// <summary>
    /// Waits for the client to drop a connection with a frame that cannot be right (detection), or one left
    /// misframed by a longer length (which only a read timeout that counts whole frames ends); cuts it when it does not.
    /// </summary>
    private async Task WatchAsync(ProxiedConnection connection, Mutation mutation, long mutatedAt)
    {
        var what = $"{mutation.Kind}: {mutation.Description}";
        if (await Task.WhenAny(connection.Ended, Task.Delay(WatchLimit)) != connection.Ended)
        {
            connection.Cut();
            if (mutation.CannotBeRight) _figures.NotDetected(what);
            else Interlocked.Increment(ref _figures.MisframedNeverDropped);
            return;
        }

        if (!mutation.CannotBeRight) return;
        if (await connection.Ended == ConnectionEnd.Client)
            _figures.Detected(Stopwatch.GetElapsedTime(mutatedAt, connection.EndedAt).TotalMilliseconds);
        else
            Interlocked.Increment(ref _figures.EndedByServer);
    }

    private async Task WorkerAsync(Random random)
    {
        while (!_stop)
        {
            var client = await _current;
            if (client is null) return;
            var (name, call) = PickCall(random, client);
            using var cancel = new CancellationTokenSource(CallCap);
            var outcome = await Bounded.RunAsync(() => call(cancel.Token), CallCap + TimeSpan.FromSeconds(1));
            Record(name, outcome);
            if (outcome.Completed && outcome.Error is null) Interlocked.Exchange(ref _lastSuccess, Stopwatch.GetTimestamp());
            await ReplaceIfDoneAsync(client);
        }
    }

    private void Record(string name, Outcome outcome)
    {
        Interlocked.Increment(ref _figures.Calls);
        _figures.Call(name, outcome.Elapsed);
        if (outcome.Elapsed > _figures.Deadline + TimeSpan.FromSeconds(1)) Interlocked.Increment(ref _figures.CallsOverDeadline);
        switch (outcome.Error)
        {
            case null when outcome.Completed:
                Interlocked.Increment(ref _figures.CallsSucceeded);
                break;
            case ZooKeeperException or SessionClosedException or OperationCanceledException or ArgumentException:
                Interlocked.Increment(ref _figures.CallsFailedMapped);
                break;
            case { } unmapped:
                _figures.UnmappedError(name, unmapped);
                break;
        }
    }

    private (string Name, Func<CancellationToken, Task> Call) PickCall(Random random, ZooKeeperClient client)
    {
        var node = $"{_root}/n{random.Next(Nodes)}";
        var data = new byte[random.Next(64)];
        random.NextBytes(data);
        var fresh = $"{_root}/c{Interlocked.Increment(ref _created)}";
        var earlier = $"{_root}/c{random.Next(1, Math.Max(2, Volatile.Read(ref _created)))}";
        return random.Next(7) switch
        {
            0 => ("getData", token => client.GetDataAsync(node, null, token)),
            1 => ("exists", token => client.ExistsAsync(node, null, token)),
            2 => ("getChildren", token => client.GetChildrenAsync(_root, null, token)),
            3 => ("setData", token => client.SetDataAsync(node, data, -1, token)),
            4 => ("create", token => client.CreateAsync(fresh, data, CreateMode.Persistent, null, null, token)),
            5 => ("delete", token => client.DeleteAsync(earlier, -1, token)),
            _ => ("multi", token => client.MultiAsync(new[] { Op.Create(fresh, data), Op.Delete(fresh) }, token)),
        };
    }

    /// <summary>Replaces a session that has ended, or that has not completed a call for 4/3 of its timeout + 3 s.</summary>
    private async Task ReplaceIfDoneAsync(ZooKeeperClient client)
    {
        var stuckAfter = TimeSpan.FromTicks(SessionTimeout.Ticks * 4 / 3) + TimeSpan.FromSeconds(3);
        var state = client.State;
        var stuck = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastSuccess)) > stuckAfter;
        if (state is not (ConnectionState.Expired or ConnectionState.Closed or ConnectionState.AuthFailed) && !stuck) return;
        await _replacing.WaitAsync();
        try
        {
            if (_stop || await _current != client) return;
            _ = state == ConnectionState.Expired ? Interlocked.Increment(ref _figures.SessionsExpired)
                : state is ConnectionState.Closed or ConnectionState.AuthFailed ? Interlocked.Increment(ref _figures.SessionsClosed)
                : Interlocked.Increment(ref _figures.SessionsStuck);
            // Closed asynchronously: Dispose would block a pool thread for seconds, and the machine may have only two.
            lock (_background) _background.Add(client.CloseAsync());
            _current = ConnectAsync();
            await _current;
        }
        finally
        {
            _replacing.Release();
        }
    }

    /// <summary>A new session through the proxy; null once the run is stopping and no connect succeeds.</summary>
    private async Task<ZooKeeperClient?> ConnectAsync()
    {
        while (true)
        {
            try
            {
                var client = await ZooKeeperClient.ConnectAsync(Options(_proxy.ConnectionString));
                Interlocked.Exchange(ref _lastSuccess, Stopwatch.GetTimestamp());
                return client;
            }
            catch (ZooKeeperException) when (!_stop)
            {
                // A mutated reply right after the handshake can fail the connect; try again.
            }
            catch (ZooKeeperException)
            {
                return null;
            }
        }
    }
}
