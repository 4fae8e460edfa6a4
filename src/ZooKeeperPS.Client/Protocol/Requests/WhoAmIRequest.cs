using System;
using System.Collections.Generic;

namespace ZooKeeperPS.Client.Protocol.Requests;

/// <summary>whoAmI (3.7+): no body → {vector of ClientInfo{authScheme, user}}.</summary>
internal sealed class WhoAmIRequest : Request<IReadOnlyList<ClientInfo>>
{
    public WhoAmIRequest() : base(OpCode.WhoAmI, null)
    {
    }

    public override void WriteBody(JuteWriter writer)
    {
    }

    protected override IReadOnlyList<ClientInfo> ReadResult(JuteReader body)
    {
        var count = body.ReadInt();
        if (count < -1 || count > body.Remaining)
            throw new ProtocolException($"Malformed whoAmI reply: count {count}.");
        if (count <= 0) return Array.Empty<ClientInfo>();
        var infos = new ClientInfo[count];
        for (var i = 0; i < count; i++) infos[i] = new ClientInfo(body.ReadRequiredString(), body.ReadRequiredString());
        return infos;
    }
}
