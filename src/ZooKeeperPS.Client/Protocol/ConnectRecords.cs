namespace ZooKeeperPS.Client.Protocol;

/// <summary>ConnectRequest (no header): {protocolVersion 0, lastZxidSeen, timeOut, sessionId, passwd, readOnly}.</summary>
internal readonly struct ConnectRequest
{
    public ConnectRequest(long lastZxidSeen, int timeoutMilliseconds, long sessionId, byte[] password, bool readOnly)
    {
        LastZxidSeen = lastZxidSeen;
        TimeoutMilliseconds = timeoutMilliseconds;
        SessionId = sessionId;
        Password = password;
        ReadOnly = readOnly;
    }

    public long LastZxidSeen { get; }
    public int TimeoutMilliseconds { get; }
    public long SessionId { get; }
    public byte[] Password { get; }
    public bool ReadOnly { get; }

    public void Write(JuteWriter writer)
    {
        writer.WriteInt(0);
        writer.WriteLong(LastZxidSeen);
        writer.WriteInt(TimeoutMilliseconds);
        writer.WriteLong(SessionId);
        writer.WriteBuffer(Password);
        writer.WriteBool(ReadOnly);
    }
}

/// <summary>ConnectResponse (no header): {protocolVersion, timeOut, sessionId, passwd[, readOnly]}; timeOut ≤ 0 means expired.</summary>
internal sealed class ConnectResponse
{
    private ConnectResponse(int timeoutMilliseconds, long sessionId, byte[] password, bool readOnly)
    {
        TimeoutMilliseconds = timeoutMilliseconds;
        SessionId = sessionId;
        Password = password;
        ReadOnly = readOnly;
    }

    public int TimeoutMilliseconds { get; }
    public long SessionId { get; }
    public byte[] Password { get; }
    public bool ReadOnly { get; }

    public bool IsExpired => TimeoutMilliseconds <= 0;

    public static ConnectResponse Read(JuteReader reader)
    {
        reader.ReadInt(); // protocol version
        var timeout = reader.ReadInt();
        var sessionId = reader.ReadLong();
        var password = reader.ReadBuffer() ?? new byte[16];
        // Before 3.9 the readOnly byte was appended by hand; some servers leave it out.
        var readOnly = reader.Remaining > 0 && reader.ReadBool();
        return new ConnectResponse(timeout, sessionId, password, readOnly);
    }
}
