using ZooKeeperPS.Client.Connection;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>
/// One step of a SASL login on a live session: GetSASLRequest{token} → SetSASLResponse{token}. The server answers it
/// at once, ahead of requests still in its pipeline, so the connection routes its reply by xid. Every step of one
/// login must reach the same connection (the server keeps the exchange per connection): a step bound to a connection
/// that is gone fails unsent instead of starting a login on the next one.
/// </summary>
internal sealed class SaslRequest : Request<byte[]>
{
    private readonly byte[] _token;

    public SaslRequest(byte[] token, ServerConnection? connection) : base(OpCode.Sasl, null)
    {
        _token = token;
        Connection = connection;
    }

    /// <summary>The connection the login runs on: set by the send loop for the first step, given for the others.</summary>
    public ServerConnection? Connection { get; set; }

    public override void WriteBody(JuteWriter writer) => writer.WriteBuffer(_token);

    protected override byte[] ReadResult(JuteReader body) => body.ReadBuffer() ?? System.Array.Empty<byte>();
}
