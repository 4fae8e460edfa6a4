namespace ZooKeeperPS.Commands;

/// <summary>What a cmdlet does when it runs inside the script block of Invoke-ZkTransaction.</summary>
internal enum InTransaction
{
    /// <summary>It runs as always (reads), on the transaction's session unless given -Session.</summary>
    RunsNow,

    /// <summary>It adds its operations to the transaction instead of sending them (New-, Set-, Remove-, Test-ZkNode).</summary>
    Queued,

    /// <summary>It changes things that a transaction cannot hold: a terminating error, and nothing is sent.</summary>
    Refused,
}
