using System.Linq;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// One node of an exported subtree, as Export-ZkTree writes it to the pipeline and Import-ZkTree takes it: the path
/// below the exported root ("/" for the root), the bytes (null for null data), the ACL and the stat. It carries no
/// session on purpose: piped to Import-ZkTree it must not bind the source's session.
/// </summary>
public sealed class ZkTreeRecord
{
    internal ZkTreeRecord(TreeRecord record, string sourcePath)
    {
        Record = record;
        SourcePath = sourcePath;
        Acl = record.Acl.Select(entry => new ZkAclEntry(entry.Id.Scheme, entry.Id.Identity, (ZkPermission)(int)entry.Perms, sourcePath, record.Stat.Aversion)).ToArray();
        Stat = new ZkStat(record.Stat);
    }

    /// <summary>The path below the exported root: "/" for the root itself, "/a/b" two levels down.</summary>
    public string Path => Record.Path;

    /// <summary>The node's absolute path where it was exported from.</summary>
    public string SourcePath { get; }

    /// <summary>The bytes; null when the node holds null data (not the same as empty).</summary>
    public byte[]? Data => Record.Data;

    /// <summary>The bytes decoded as UTF-8; null for null data.</summary>
    public string? Value => Record.Data is null ? null : Encoding.UTF8.GetString(Record.Data);

    /// <summary>Persistent or Ephemeral (containers and TTL nodes read as persistent: the server does not tell).</summary>
    public TreeNodeKind Kind => Record.Kind;

    public ZkAclEntry[] Acl { get; }

    public ZkStat Stat { get; }

    internal TreeRecord Record { get; }

    /// <summary>The record as a line of the tree format (see about_ZooKeeperPS_Subtrees).</summary>
    public string ToJson() => TreeFormat.RecordLine(Record);

    public override string ToString() => Path;
}
