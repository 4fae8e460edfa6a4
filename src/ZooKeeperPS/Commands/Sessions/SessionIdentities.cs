using System;
using System.Linq;
using System.Management.Automation;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Reads who the server knows a session as (whoAmI) into <see cref="ZkSession.Identities"/>, after the session
/// authenticated. It is a courtesy: a server older than 3.7, a srvr probe that is not allowed, or a lost connection
/// leaves the identities the client presented, and says so in -Verbose.
/// </summary>
internal static class SessionIdentities
{
    public static void Refresh(ZkCmdlet cmdlet, ZkSession session)
    {
        try
        {
            var identities = cmdlet.Await(() => session.Client.WhoAmIAsync(cmdlet.StopToken), session);
            session.ServerIdentities = identities.Select(identity => identity.ToString()).ToArray();
        }
        catch (PipelineStoppedException)
        {
            throw;
        }
        catch (Exception failure)
        {
            session.ServerIdentities = null;
            cmdlet.WriteVerbose($"The server did not say who it knows session {session.Id} as ({ZkErrors.Unwrap(failure).Message}); " +
                "its Identities are the ones the client presented.");
        }
    }
}
