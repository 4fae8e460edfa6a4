using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>A party member: this session's membership (Join-ZkParty) or one listed by Get-ZkPartyMember.</summary>
public sealed class ZkPartyMember
{
    internal ZkPartyMember(ZkSession session, PartyMember member)
    {
        Session = session;
        Member = member;
    }

    internal PartyMember Member { get; }

    /// <summary>The party's path.</summary>
    public string Path => Member.PartyPath;

    /// <summary>The member's node name: &lt;hex&gt;__party__, or &lt;hex&gt;-&lt;identifier&gt; in a shallow party.</summary>
    public string Name => Member.Name;

    public string Identifier => Member.Identifier;

    /// <summary>The member's ephemeral node.</summary>
    public string NodePath => Member.NodePath;

    public ZkSession Session { get; }

    public override string ToString() => Identifier;
}
