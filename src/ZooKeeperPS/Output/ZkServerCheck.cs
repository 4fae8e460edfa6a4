namespace ZooKeeperPS;

/// <summary>One check of Test-ZkServer: its name, whether it passed, and what it found.</summary>
public sealed class ZkServerCheck
{
    internal ZkServerCheck(string check, bool passed, string detail)
    {
        Check = check;
        Passed = passed;
        Detail = detail;
    }

    /// <summary>MembersServing, OneLeader, Quorum, ZxidDrift or ZnodeCountDrift.</summary>
    public string Check { get; }

    public bool Passed { get; }

    public string Detail { get; }

    public override string ToString() => $"{Check}: {(Passed ? "passed" : "failed")} ({Detail})";
}
