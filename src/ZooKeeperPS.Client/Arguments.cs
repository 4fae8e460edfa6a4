using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client;

/// <summary>Checks of call arguments that fail before anything is sent.</summary>
internal static class Arguments
{
    /// <summary>The largest TTL the server accepts (EphemeralType.TTL: 40 bits of milliseconds).</summary>
    public const long MaxTtlMilliseconds = 0xFF_FFFF_FFFFL;

    public static void Version(int version)
    {
        if (version < -1)
            throw new ArgumentOutOfRangeException(nameof(version), version, "A version must be -1 (any version) or greater.");
    }

    public static void Mode(CreateMode mode)
    {
        if (!mode.IsDefined())
            throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown create mode.");
    }

    /// <summary>TTL modes need a TTL in (0, 0xFFFFFFFFFF] ms; other modes must not have one. Returns the TTL in ms, or -1.</summary>
    public static long Ttl(CreateMode mode, TimeSpan? ttl)
    {
        if (!mode.IsTtl())
        {
            if (ttl is not null)
                throw new ArgumentException($"A TTL is only allowed with {CreateMode.PersistentWithTtl} or {CreateMode.PersistentSequentialWithTtl}, not {mode}.", nameof(ttl));
            return -1;
        }

        if (ttl is null)
            throw new ArgumentException($"Mode {mode} needs a TTL.", nameof(ttl));
        var ms = (long)ttl.Value.TotalMilliseconds;
        if (ms <= 0 || ms > MaxTtlMilliseconds)
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, $"A TTL must be between 1 ms and {MaxTtlMilliseconds} ms.");
        return ms;
    }

    public static IReadOnlyList<Acl> Acl(IReadOnlyList<Acl>? acl)
    {
        if (acl is null) return Client.Acl.OpenUnsafe;
        if (acl.Count == 0) throw new ArgumentException("An ACL must have at least one entry.", nameof(acl));
        foreach (var entry in acl)
            if (entry is null) throw new ArgumentException("An ACL must not contain null entries.", nameof(acl));
        return acl;
    }

    public static void Data(byte[]? data, int maxDataLength)
    {
        if (data is not null && data.Length > maxDataLength)
            throw new ArgumentException($"The data is {data.Length} bytes long; the limit is {maxDataLength} bytes (MaxDataLength).", nameof(data));
    }
}
