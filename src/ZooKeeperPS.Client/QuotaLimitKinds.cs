using System;

namespace ZooKeeperPS.Client;

/// <summary>Which limits of a quota <see cref="ZooKeeperClient.RemoveQuotaAsync"/> removes.</summary>
[Flags]
public enum QuotaLimitKinds
{
    None = 0,
    Count = 1,
    Bytes = 2,
    CountHardLimit = 4,
    ByteHardLimit = 8,

    /// <summary>The whole quota: its limits and its usage node are deleted.</summary>
    All = Count | Bytes | CountHardLimit | ByteHardLimit,
}
