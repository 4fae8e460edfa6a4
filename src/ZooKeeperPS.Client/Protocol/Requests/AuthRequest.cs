namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>auth: xid -4, AuthPacket{type 0, scheme, auth} → err 0, or AuthFailed and the server closes the socket.</summary>
internal sealed class AuthRequest : EmptyResultRequest
{
    public AuthRequest(AuthInfo auth) : base(OpCode.Auth, null) => Auth = auth;

    public AuthInfo Auth { get; }

    public override bool IsAuth => true;

    public override void WriteBody(JuteWriter writer) => WritePacket(writer, Auth);

    /// <summary>The AuthPacket record, shared with the handshake's authenticator.</summary>
    public static void WritePacket(JuteWriter writer, AuthInfo auth)
    {
        writer.WriteInt(0);
        writer.WriteString(auth.Scheme);
        auth.WriteAuth(writer);
    }
}
