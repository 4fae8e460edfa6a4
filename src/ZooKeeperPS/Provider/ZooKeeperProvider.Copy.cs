using System;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

// Copy-Item, Move-Item and Rename-Item, also from one drive (and cluster) to another.
public sealed partial class ZooKeeperProvider
{
    protected override void CopyItem(string path, string copyPath, bool recurse)
    {
        var (source, from) = Resolve(path);
        var (destination, to) = Resolve(copyPath);
        to = IntoExistingNode(destination, to, from);
        if (ReferenceEquals(source, destination) && IsSameOrBelow(to.Node, from.Node))
        {
            WriteError(ZkErrors.InvalidArgument($"Cannot copy {from.Node} into itself ({to.Node}).", "CopyIntoItself", from.Node));
            return;
        }
        if (!ShouldProcess(Describe(source, from, destination, to), recurse ? "Copy node and its subtree" : "Copy node"))
        {
            return;
        }
        var copy = new TreeCopy(this, source, destination, (failure, target) => WriteFailure(failure, target));
        copy.Copy(from.Node, to.Node, recurse);
        WriteVerbose($"{from.Node} -> {to.Node}: {SubtreeRemoval.Nodes(copy.Copied)} copied.");
        if (copy.Copied > 0 && Read(destination, to) is { } read)
        {
            WriteNode(destination, to, read.Data, read.Stat);
        }
    }

    protected override void MoveItem(string path, string destination)
    {
        var (source, from) = Resolve(path);
        var (target, to) = Resolve(destination);
        to = IntoExistingNode(target, to, from);
        Move(source, from, target, to, "Move node and its subtree");
    }

    protected override void RenameItem(string path, string newName)
    {
        var (session, from) = Resolve(path);
        if (string.IsNullOrEmpty(newName) || newName.IndexOfAny(new[] { '/', '\\' }) >= 0)
        {
            WriteError(ZkErrors.InvalidArgument($"'{newName}' is not a new name for {from.Node}: Rename-Item takes a name; Move-Item moves nodes elsewhere.",
                "InvalidNewName", from.Node));
            return;
        }
        Move(session, from, session, from.WithNode(ZooKeeperPath.Combine(ZooKeeperPath.GetParent(from.Node), newName)), "Rename node");
    }

    private void Move(ZkSession source, ProviderPath from, ZkSession target, ProviderPath to, string action)
    {
        if (from.Node == "/" || from.Node == "/zookeeper" || from.Node.StartsWith("/zookeeper/", StringComparison.Ordinal))
        {
            WriteError(ZkErrors.InvalidArgument($"{from.Node} cannot be moved.", "SystemNodeNotMovable", from.Node));
            return;
        }
        if (ReferenceEquals(source, target) && IsSameOrBelow(to.Node, from.Node))
        {
            WriteError(ZkErrors.InvalidArgument($"Cannot move {from.Node} into itself ({to.Node}).", "MoveIntoItself", from.Node));
            return;
        }
        if (!ShouldProcess(Describe(source, from, target, to), action))
        {
            return;
        }
        var move = new TreeMove(this, (failure, node) => WriteFailure(failure, node));
        if (move.Move(source, from.Node, target, to.Node))
        {
            WriteVerbose($"{from.Node} -> {to.Node}: moved {(move.Atomic ? "in one transaction" : "by a copy and a removal (not atomic)")}.");
            if (Read(target, to) is { } read)
            {
                WriteNode(target, to, read.Data, read.Stat);
            }
        }
    }

    /// <summary>Like the file system: a destination that exists is the parent of the copy, which keeps its name.</summary>
    private ProviderPath IntoExistingNode(ZkSession session, ProviderPath destination, ProviderPath source) =>
        Stat(session, destination) is not null && source.Node != "/"
            ? destination.WithNode(ZooKeeperPath.Combine(destination.Node, ZooKeeperPath.GetName(source.Node)))
            : destination;

    // The target of -WhatIf and -Confirm: "/a -> /b", naming the other session when the destination is on one.
    private static string Describe(ZkSession source, ProviderPath from, ZkSession destination, ProviderPath to) =>
        ReferenceEquals(source, destination) ? $"{from.Node} -> {to.Node}" : $"{from.Node} -> {to.Node} (session {destination})";

    private static bool IsSameOrBelow(string path, string ancestor) =>
        path == ancestor || ancestor == "/" || path.StartsWith(ancestor + "/", StringComparison.Ordinal);
}
