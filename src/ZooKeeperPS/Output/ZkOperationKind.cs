namespace ZooKeeperPS;

/// <summary>What one operation of a transaction does.</summary>
public enum ZkOperationKind
{
    /// <summary>Create a node (New-ZkNode).</summary>
    Create,

    /// <summary>Overwrite a node's data (Set-ZkNode).</summary>
    Set,

    /// <summary>Delete a node (Remove-ZkNode).</summary>
    Delete,

    /// <summary>Require that a node exists, at a version when one is given (Test-ZkNode).</summary>
    Check,
}
