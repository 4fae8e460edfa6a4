using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace ZooKeeperPS.Client.Recipes;

/// <summary>A member of a party: its node's name and its identifier.</summary>
public sealed class PartyMember
{
    internal PartyMember(string partyPath, string name, string identifier)
    {
        PartyPath = partyPath;
        Name = name;
        Identifier = identifier;
    }

    public string PartyPath { get; }

    public string Name { get; }

    public string Identifier { get; }

    public string NodePath => ZooKeeperPath.Combine(PartyPath, Name);
}

/// <summary>
/// Group membership in the node layout of kazoo's Party and ShallowParty, so kazoo programs and this client see each
/// other as members. A member is an ephemeral child of the party path (it goes with its session) whose data is the
/// identifier as UTF-8. Party names it &lt;hex uuid&gt;__party__ and lists only children with __party__ in the
/// name, reading each one's data; ShallowParty names it &lt;hex uuid&gt;-&lt;identifier&gt;, so one listing names
/// every member. A missing party path is created with its parents, as kazoo does.
/// </summary>
public static class ZooKeeperParty
{
    private const string PartyMarker = "__party__";

    /// <summary>Joins with an ephemeral node of this session; a create repeated after a lost connection finds its node made.</summary>
    public static async Task<PartyMember> JoinAsync(ZooKeeperClient client, string path, string identifier, bool shallow = false,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (identifier is null) throw new ArgumentNullException(nameof(identifier));
        if (shallow && identifier.IndexOf('/') >= 0) throw new ArgumentException("A ShallowParty identifier is part of a node name and cannot contain '/'.", nameof(identifier));
        var unique = Guid.NewGuid().ToString("N");
        var member = new PartyMember(path, shallow ? unique + "-" + identifier : unique + PartyMarker, identifier);
        var data = Encoding.UTF8.GetBytes(identifier);
        await RecipeCalls.EnsurePathAsync(client, path, cancellationToken).ConfigureAwait(false);
        try
        {
            await RecipeCalls.RetryAsync(() => client.CreateAsync(member.NodePath, data, CreateMode.Ephemeral, null, null, cancellationToken),
                cancellationToken).ConfigureAwait(false);
        }
        catch (ZooKeeperException exists) when (exists.Code == ErrorCode.NodeExists)
        {
            // The first attempt made it before its connection was lost: the name is this member's alone.
        }
        return member;
    }

    /// <summary>Leaves: deletes the member's node. False when it was gone already (its session ended, or it left).</summary>
    public static async Task<bool> LeaveAsync(ZooKeeperClient client, PartyMember member, CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        if (member is null) throw new ArgumentNullException(nameof(member));
        try
        {
            await RecipeCalls.RetryAsync(() => client.DeleteAsync(member.NodePath, -1, cancellationToken), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
        {
            return false;
        }
    }

    /// <summary>The members in name order, as kazoo's Party (or, with <paramref name="shallow"/>, ShallowParty) lists them.</summary>
    public static async Task<IReadOnlyList<PartyMember>> MembersAsync(ZooKeeperClient client, string path, bool shallow = false,
        CancellationToken cancellationToken = default)
    {
        if (client is null) throw new ArgumentNullException(nameof(client));
        await RecipeCalls.EnsurePathAsync(client, path, cancellationToken).ConfigureAwait(false);
        var children = await RecipeCalls.RetryAsync(() => client.GetChildrenAsync(path, null, cancellationToken), cancellationToken).ConfigureAwait(false);
        var names = children.Children.OrderBy(n => n, StringComparer.Ordinal);
        var members = new List<PartyMember>();
        if (shallow)
        {
            members.AddRange(names.Select(name => new PartyMember(path, name, name.Substring(name.IndexOf('-') + 1))));
            return members;
        }
        foreach (var name in names.Where(n => n.Contains(PartyMarker)))
        {
            try
            {
                var read = await RecipeCalls.RetryAsync(() => client.GetDataAsync(ZooKeeperPath.Combine(path, name), null, cancellationToken),
                    cancellationToken).ConfigureAwait(false);
                members.Add(new PartyMember(path, name, Encoding.UTF8.GetString(read.Data)));
            }
            catch (ZooKeeperException gone) when (gone.Code == ErrorCode.NoNode)
            {
                // It left between the listing and the read.
            }
        }
        return members;
    }
}
