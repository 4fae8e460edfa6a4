namespace ZooKeeperPS.Client.Recipes;

/// <summary>What a <see cref="TreeImporter"/> does with a node that exists already.</summary>
public enum TreeConflict
{
    /// <summary>Leave it as it is (its data and ACL); its children are still imported.</summary>
    Skip,

    /// <summary>Give it the record's data and ACL.</summary>
    Overwrite,

    /// <summary>Stop the import with a NodeExists error for it.</summary>
    Fail,
}

/// <summary>How a <see cref="TreeImporter"/> writes.</summary>
public sealed class TreeImportOptions
{
    public TreeConflict Conflict { get; set; } = TreeConflict.Skip;

    /// <summary>The servers' jute.maxbuffer: every multi stays under it (with room for its headers); null takes the client's.</summary>
    public int? JuteMaxBuffer { get; set; }

    /// <summary>Most creates in one multi.</summary>
    public int MaxOpsPerMulti { get; set; } = 1000;
}
