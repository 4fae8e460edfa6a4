using System.Diagnostics;

namespace ZooKeeperPS.Client.Connection;

/// <summary>Milliseconds from a monotonic clock (wall-clock jumps must not kill or keep alive a connection).</summary>
internal static class MonotonicClock
{
    private static readonly double TicksPerMillisecond = Stopwatch.Frequency / 1000.0;

    public static long NowMilliseconds => (long)(Stopwatch.GetTimestamp() / TicksPerMillisecond);
}
