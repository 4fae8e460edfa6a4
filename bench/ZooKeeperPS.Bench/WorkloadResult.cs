using System.Text.Json.Serialization;

namespace ZooKeeperPS.Bench;

/// <summary>One workload's figures, as every contender reports them.</summary>
public sealed record WorkloadResult(
    [property: JsonPropertyName("ops")] int Ops,
    [property: JsonPropertyName("seconds")] double Seconds);
