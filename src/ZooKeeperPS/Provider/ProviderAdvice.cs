using ZooKeeperPS.Client;

namespace ZooKeeperPS;

/// <summary>What the ZooKeeper provider adds to a ZooKeeper error, in the words of the item cmdlets that drive it.</summary>
internal static class ProviderAdvice
{
    private static readonly ErrorAdvice UseRecurse = new(
        "Remove-Item -Recurse deletes it with everything under it.", "Add -Recurse to Remove-Item.");

    private static readonly ErrorAdvice Denied = new(
        "The node's ACL (Get-ZkAcl) grants the permission this operation needs (Read to list or read, Write to set content, " +
        "Create on the parent to create, Delete on the parent to remove) to none of this session's identities (Get-ZkIdentity).",
        "Authenticate as an identity the ACL admits (Add-ZkAuthentication), or ask for the ACL to be changed.");

    private static readonly ErrorAdvice NoParent = new(
        "Its parent does not exist; New-Item creates missing parents with -Force.", "Add -Force to New-Item, or create the parent first.");

    public static ErrorAdvice? For(ZooKeeperException failure) => failure.Code switch
    {
        ErrorCode.NotEmpty => UseRecurse,
        ErrorCode.NoAuth => Denied,
        _ => null,
    };

    /// <summary>For creates, where NoNode means a missing parent.</summary>
    public static ErrorAdvice? ForCreate(ZooKeeperException failure) =>
        failure.Code == ErrorCode.NoNode ? NoParent : For(failure);
}
