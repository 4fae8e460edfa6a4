using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace ZooKeeperPS.Tests.Reliability;

/// <summary>What one fuzz run measured; filled concurrently by the workers, the proxy pumps and the watchdogs.</summary>
internal sealed class FuzzFigures
{
    private readonly object _lock = new();
    private readonly Dictionary<MutationKind, int> _byKind = new();
    private readonly List<double> _detectionMs = new();
    private readonly ConcurrentQueue<string> _unmapped = new();
    private readonly ConcurrentQueue<string> _crashes = new();
    private readonly ConcurrentQueue<string> _undetected = new();
    private TimeSpan _slowest;
    private string _slowestCall = "none";

    public FuzzFigures(int seed, int target)
    {
        Seed = seed;
        Target = target;
    }

    public int Seed { get; }

    public int Target { get; }

    public int Frames;
    public int Mutated;
    public int Calls;
    public int CallsSucceeded;
    public int CallsFailedMapped;
    public int CallsOverDeadline;
    public int CannotBeRight;
    public int EndedByServer;
    public int MisframedNeverDropped;
    public int SessionsExpired;
    public int SessionsClosed;
    public int SessionsStuck;
    public int Connections;
    public TimeSpan Deadline;
    public TimeSpan Duration;
    public bool BudgetExceeded;
    public IReadOnlyList<Exception> Unobserved = Array.Empty<Exception>();

    public int Unmapped => _unmapped.Count;

    public int Crashes => _crashes.Count;

    public int Undetected => _undetected.Count;

    public TimeSpan Slowest
    {
        get { lock (_lock) return _slowest; }
    }

    public double SlowestDetectionMs
    {
        get { lock (_lock) return _detectionMs.Count == 0 ? 0 : _detectionMs.Max(); }
    }

    public void Mutation(MutationKind kind)
    {
        lock (_lock) _byKind[kind] = _byKind.TryGetValue(kind, out var n) ? n + 1 : 1;
    }

    public void Call(string call, TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (elapsed <= _slowest) return;
            _slowest = elapsed;
            _slowestCall = call;
        }
    }

    public void UnmappedError(string call, Exception error) => _unmapped.Enqueue($"{call}: {error.GetType().FullName}: {error.Message}");

    public void Crash(string what) => _crashes.Enqueue(what);

    public void Detected(double milliseconds)
    {
        lock (_lock) _detectionMs.Add(milliseconds);
    }

    public void NotDetected(string mutation) => _undetected.Enqueue(mutation);

    public string Report()
    {
        lock (_lock)
        {
            var sorted = _detectionMs.OrderBy(ms => ms).ToArray();
            var text = new StringBuilder();
            text.AppendLine($"seed {Seed}: {Mutated} mutated frames of {Frames} replies (target {Target}) over {Connections} connections in {Duration.TotalSeconds:0.0} s" +
                (BudgetExceeded ? " - TIME BUDGET EXCEEDED, run stopped early" : ""));
            text.AppendLine("  mutations: " + string.Join(", ", _byKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}")));
            text.AppendLine($"  calls: {Calls} ({CallsSucceeded} succeeded, {CallsFailedMapped} failed with a mapped error, {Unmapped} unmapped)");
            text.AppendLine($"  crashes: {Crashes}; unobserved task exceptions: {Unobserved.Count}" +
                (Unobserved.Count > 0 ? $" ({UnobservedExceptionRecorder.Describe(Unobserved)})" : ""));
            text.AppendLine($"  slowest call: {_slowest.TotalSeconds:0.00} s ({_slowestCall}) against a deadline of {Deadline.TotalSeconds:0.#} s + 1 s; " +
                $"{CallsOverDeadline} calls over it");
            text.AppendLine($"  frames that cannot be right: {CannotBeRight}; the client dropped the connection for {sorted.Length}" +
                (sorted.Length > 0 ? $" (median {sorted[sorted.Length / 2]:0} ms, max {sorted[sorted.Length - 1]:0} ms, over 1 s: {sorted.Count(ms => ms > 1000)})" : "") +
                $"; never detected (cut by the proxy): {Undetected}; ended by the server: {EndedByServer}");
            text.AppendLine($"  streams misframed by a longer length prefix that the client never dropped (cut by the proxy): {MisframedNeverDropped}");
            text.AppendLine($"  sessions replaced: {SessionsExpired} expired, {SessionsClosed} closed, {SessionsStuck} stuck (unable to reconnect, never reported expiry)");
            foreach (var line in _crashes.Take(5)) text.AppendLine("  crash: " + line);
            foreach (var line in _unmapped.Distinct().Take(5)) text.AppendLine("  unmapped: " + line);
            foreach (var group in _undetected.GroupBy(m => m.Split(':')[0]).Take(8))
                text.AppendLine($"  undetected: {group.Count()} × {group.Key} (first: {group.First().Substring(group.Key.Length + 2)})");
            return text.ToString();
        }
    }
}
