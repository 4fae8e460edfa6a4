using System.Collections.Generic;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>
/// What a NoAuth denial was about: the server only says "not authorized", so the failing cmdlet names the operation
/// and the permission the node's ACL did not grant. Given for every cmdlet in one place (by cmdlet name) so that the
/// node cmdlets need no code of their own for it.
/// </summary>
internal static class DeniedAdvice
{
    private const string Action =
        "Authenticate as an identity the ACL admits (Add-ZkAuthentication), or ask for the ACL to be changed.";

    private static readonly Dictionary<string, string> OperationOf = new()
    {
        ["New-ZkNode"] = "creates a node, which needs the Create permission on its parent",
        ["Get-ZkNode"] = "reads the node's data, which needs the Read permission",
        ["Set-ZkNode"] = "writes the node's data, which needs the Write permission",
        ["Remove-ZkNode"] = "deletes nodes, which needs the Delete permission on their parent (and Read to list a subtree)",
        ["Clear-ZooKeeper"] = "deletes nodes, which needs the Delete permission on their parent and Read to list them",
        ["Get-ZkChildItem"] = "lists children and reads data, which needs the Read permission",
        ["Register-ZkWatch"] = "watches the node, which needs the Read permission",
        ["Get-ZkAcl"] = "reads the node's ACL, which needs the Read or the Admin permission",
        ["Set-ZkAcl"] = "changes the node's ACL, which needs the Admin permission",
    };

    /// <summary>Advice for a NoAuth failure of the named cmdlet; null for any other failure.</summary>
    public static ErrorAdvice? For(string cmdlet, ZooKeeperException failure)
    {
        if (failure.Code != ErrorCode.NoAuth)
        {
            return null;
        }
        var operation = OperationOf.TryGetValue(cmdlet, out var known) ? known : "needs a permission";
        return new ErrorAdvice(
            $"{cmdlet} {operation}; the node's ACL (Get-ZkAcl) grants it to none of this session's identities (Get-ZkIdentity).",
            Action);
    }
}
