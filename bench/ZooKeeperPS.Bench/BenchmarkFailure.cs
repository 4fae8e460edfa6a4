using System;

namespace ZooKeeperPS.Bench;

/// <summary>A workload produced a wrong result: the run must fail, however fast it was.</summary>
public sealed class BenchmarkFailure : Exception
{
    public BenchmarkFailure(string message)
        : base(message)
    {
    }
}
