using System;
using System.Linq;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>A zk: drive: a PowerShell drive bound to one session, rooted at a znode of it.</summary>
public sealed class ZkDriveInfo : PSDriveInfo
{
    internal ZkDriveInfo(PSDriveInfo drive, ZkSession session, string node)
        : base(drive.Name, drive.Provider, ProviderPath.Format(SessionTags.For(session), node), drive.Description, drive.Credential)
    {
        Session = session;
        Node = node;
    }

    /// <summary>The session every path of the drive goes to.</summary>
    public ZkSession Session { get; }

    /// <summary>The znode the drive's root stands for (within the session's chroot).</summary>
    public string Node { get; }

    /// <summary>
    /// Mounts a session as a global drive at its root (Connect-ZooKeeper -DriveName), replacing a ZooKeeper drive of
    /// that name, so that connecting again with the same -DriveName just works.
    /// </summary>
    internal static void Mount(PSCmdlet cmdlet, string name, ZkSession session)
    {
        var drives = cmdlet.SessionState.Drive;
        var provider = cmdlet.SessionState.Provider.GetOne(ZooKeeperProvider.ProviderName);
        if (drives.GetAll().FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase)) is { } existing)
        {
            if (existing.Provider != provider)
            {
                cmdlet.ThrowTerminatingError(ZkErrors.InvalidArgument(
                    $"The drive {name}: exists already and belongs to the {existing.Provider.Name} provider; choose another -DriveName.",
                    "DriveNameTaken", name));
            }
            drives.Remove(name, true, "global");
        }
        var template = new PSDriveInfo(name, provider, "/", $"ZooKeeper session {session.Id} ({session.ConnectionString})", null);
        drives.New(new ZkDriveInfo(template, session, "/"), "global");
    }
}

/// <summary>The parameters New-PSDrive takes for the ZooKeeper provider.</summary>
public sealed class ZkDriveParameters
{
    /// <summary>The session the drive is bound to; the default session (the last Connect-ZooKeeper) when not given.</summary>
    [Parameter]
    [ValidateNotNull]
    public ZkSession? Session { get; set; }
}
