namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>closeSession: header only; the server replies, then closes the socket.</summary>
internal sealed class CloseSessionRequest : EmptyResultRequest
{
    public CloseSessionRequest() : base(OpCode.CloseSession, null)
    {
    }

    public override void WriteBody(JuteWriter writer)
    {
    }
}
