using System;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>closeSession: header only; the server replies, then closes the socket.</summary>
internal sealed class CloseSessionRequest : EmptyResultRequest
{
    private readonly Action _onClosed;

    /// <param name="onClosed">Runs on the receive loop when the server confirms, before it drops the connection.</param>
    public CloseSessionRequest(Action onClosed) : base(OpCode.CloseSession, null) => _onClosed = onClosed;

    public override void WriteBody(JuteWriter writer)
    {
    }

    protected override void OnReplyCode(ErrorCode error)
    {
        if (error == ErrorCode.Ok) _onClosed();
    }
}
