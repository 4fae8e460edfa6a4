using System.Linq;
using System.Text;
using ZooKeeperPS.Client.Recipes;

namespace ZooKeeperPS;

/// <summary>
/// A difference that Compare-ZkTree found, in the manner of Compare-Object: the node's path below both roots, what
/// differs (<see cref="TreeDifferenceKind"/>), a SideIndicator (&lt;= only in the reference, =&gt; only in the
/// difference, &lt;&gt; in both but changed) and both sides' values, bytes and ACLs.
/// </summary>
public sealed class ZkTreeDifference
{
    internal ZkTreeDifference(TreeDifference difference, string referenceRoot, string differenceRoot)
    {
        Path = difference.Path;
        Difference = difference.Kind;
        ReferencePath = TreeRecord.Under(referenceRoot, difference.Path);
        DifferencePath = TreeRecord.Under(differenceRoot, difference.Path);
        ReferenceData = difference.Reference?.Data;
        DifferenceData = difference.Difference?.Data;
        ReferenceAcl = Entries(difference.Reference, ReferencePath);
        DifferenceAcl = Entries(difference.Difference, DifferencePath);
    }

    /// <summary>The path below both roots ("/" for the roots themselves).</summary>
    public string Path { get; }

    /// <summary>Added (only in the difference tree), Removed (only in the reference tree), DataChanged or AclChanged.</summary>
    public TreeDifferenceKind Difference { get; }

    public string SideIndicator => Difference switch
    {
        TreeDifferenceKind.Added => "=>",
        TreeDifferenceKind.Removed => "<=",
        _ => "<>",
    };

    public string ReferencePath { get; }

    public string DifferencePath { get; }

    /// <summary>The reference side's data as UTF-8 text; null when it is null or the node is not there.</summary>
    public string? ReferenceValue => ReferenceData is null ? null : Encoding.UTF8.GetString(ReferenceData);

    public string? DifferenceValue => DifferenceData is null ? null : Encoding.UTF8.GetString(DifferenceData);

    public byte[]? ReferenceData { get; }

    public byte[]? DifferenceData { get; }

    /// <summary>The reference side's ACL (read with -IncludeAcl); empty when not read or the node is not there.</summary>
    public ZkAclEntry[] ReferenceAcl { get; }

    public ZkAclEntry[] DifferenceAcl { get; }

    private static ZkAclEntry[] Entries(TreeRecord? record, string path) =>
        record is null ? new ZkAclEntry[0]
            : record.Acl.Select(entry => new ZkAclEntry(entry.Id.Scheme, entry.Id.Identity, (ZkPermission)(int)entry.Perms, path, record.Stat.Aversion)).ToArray();

    public override string ToString() => $"{Difference} {Path}";
}
