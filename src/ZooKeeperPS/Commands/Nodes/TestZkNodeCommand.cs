using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Whether znodes exist (and have a version), as Test-Path answers for files: one boolean per path, with the
/// requests pipelined. A wildcard path is true when some node matches. Inside Invoke-ZkTransaction it queues a check
/// operation instead: the transaction then applies only if the node exists (at that version).
/// </summary>
[Cmdlet(VerbsDiagnostic.Test, "ZkNode", DefaultParameterSetName = PathSet)]
[OutputType(typeof(bool))]
public sealed class TestZkNodeCommand : ZkNodePathsCmdlet
{
    private RequestWindow? _window;

    /// <summary>True only if the node's version is this one; -1, the default, means any version.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    public int Version { get; set; } = -1;

    internal override InTransaction InTransaction => InTransaction.Queued;

    protected override void BeginProcessing() => _window = new RequestWindow(this);

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var given in GivenPaths)
        {
            if (IsLiteral || !WildcardPattern.ContainsWildcardCharacters(given) || NodePath.Problem(given) is not null)
            {
                var path = IsLiteral ? given : WildcardPattern.Unescape(given);
                if (!Queued(() => new ZkOperation { Kind = ZkOperationKind.Check, Path = path, Version = Version }))
                {
                    Test(session, path);
                }
                continue;
            }
            // Earlier answers first, so that the booleans stay in input order.
            _window!.Drain();
            var matches = WildcardPaths.Resolve(this, session, given, failure =>
            {
                // No match is a plain false, as Test-Path answers; in a transaction, an error that keeps it back.
                if (failure is ZooKeeperException { Code: ErrorCode.NoNode } && ZkTransaction.Current is null)
                {
                    WriteObject(false);
                }
                else
                {
                    WriteFailure(failure, given);
                }
            });
            if (matches is null)
            {
                continue;
            }
            if (ZkTransaction.Current is not null)
            {
                foreach (var match in matches)
                {
                    Queued(() => new ZkOperation { Kind = ZkOperationKind.Check, Path = match, Version = Version });
                }
                continue;
            }
            TestAny(session, matches.ToArray());
        }
    }

    protected override void EndProcessing() => _window!.Drain();

    private void Test(ZkSession session, string path)
    {
        var client = session.Client;
        var version = Version;
        var token = StopToken;
        _window!.Add(() => client.ExistsAsync(path, null, token), session,
            stat => WriteObject(stat is not null && (version == -1 || stat.Version == version)),
            failure => WriteFailure(failure, path));
    }

    /// <summary>True when one of the nodes a wildcard matched still exists (at the version, if one is given).</summary>
    private void TestAny(ZkSession session, string[] matches)
    {
        var client = session.Client;
        var version = Version;
        var token = StopToken;
        _window!.Add(async () =>
            {
                var stats = await Task.WhenAll(matches.Select(match => client.ExistsAsync(match, null, token))).ConfigureAwait(false);
                return stats.Any(stat => stat is not null && (version == -1 || stat.Version == version));
            }, session,
            found => WriteObject(found),
            failure => WriteFailure(failure, matches[0]));
    }
}
