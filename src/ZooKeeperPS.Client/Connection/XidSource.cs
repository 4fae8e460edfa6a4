namespace ZooKeeperPS.Client.Connection;

/// <summary>Request xids for a session: 1, 2, ... wrapping to 1 (0 and negatives are reserved or skipped by the server).</summary>
internal sealed class XidSource
{
    private int _last;

    /// <summary>Only the send loop calls this, so it needs no synchronisation.</summary>
    public int Next()
    {
        _last = _last == int.MaxValue ? 1 : _last + 1;
        return _last;
    }
}
