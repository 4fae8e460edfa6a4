using System;
using System.Management.Automation;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>
/// Deletes znodes, or whole subtrees with -Recurse. Deletes of many nodes are pipelined and, while earlier ones are
/// in flight, go in multis; a multi that fails is redone delete by delete, so each delete still gets its own
/// outcome, in input order. A node with children and no -Recurse is an error
/// that says so; there is never an interactive prompt beyond -Confirm. -Path takes wildcards (see
/// <see cref="WildcardPaths"/>), -LiteralPath does not.
/// </summary>
[Cmdlet(VerbsCommon.Remove, "ZkNode", SupportsShouldProcess = true, DefaultParameterSetName = PathSet)]
[OutputType(typeof(void))]
public sealed class RemoveZkNodeCommand : ZkNodePathsCmdlet
{
    private static readonly ErrorAdvice UseRecurse = new("Use -Recurse to delete it with everything under it.", "Add -Recurse.");
    // A multi carries up to this many deletes and this many bytes of paths: far below the server's 1 MB request limit.
    private static readonly BatchLimits Limits = new(maxItems: 100, maxBytes: 256 * 1024);
    private BatchWindow<string, bool>? _window;

    /// <summary>Delete the node's whole subtree too.</summary>
    [Parameter]
    public SwitchParameter Recurse { get; set; }

    /// <summary>Only delete if the node's version is this one (otherwise a BadVersion error); -1, the default, means any version.</summary>
    [Parameter]
    [ValidateRange(-1, int.MaxValue)]
    public int Version { get; set; } = -1;

    protected override void BeginProcessing() =>
        _window = new BatchWindow<string, bool>(this, new NodeDeleteOperation(Version), Limits, static (_, _, _) => { },
            (path, failure) => WriteFailure(failure, path));

    private protected override void ProcessRecord(ZkSession session)
    {
        foreach (var given in GivenPaths)
        {
            if (given == "/")
            {
                WriteError(ZkErrors.InvalidArgument(
                    "The root node / cannot be removed. To delete everything under it, use Clear-ZooKeeper.", "RootNotRemovable", given));
                continue;
            }
            // A bad path goes to the server as it is, which reports it in its place.
            var paths = IsLiteral || NodePath.Problem(given) is not null ? new[] { given }
                : WildcardPaths.Resolve(this, session, given, failure => _window!.Reject(given, failure));
            foreach (var path in paths ?? Array.Empty<string>())
            {
                Remove(session, path);
            }
        }
    }

    private void Remove(ZkSession session, string path)
    {
        if (Queued(() => Recurse ? throw ZkTransaction.Refusal("Remove-ZkNode -Recurse")
            : new ZkOperation { Kind = ZkOperationKind.Delete, Path = path, Version = Version }))
        {
            return;
        }
        if (Recurse)
        {
            // Earlier items finish first, so output and errors stay in input order.
            _window!.Drain();
            var removal = new SubtreeRemoval(this, session, progressId: 1);
            var count = ShouldProcessShowsMessage(ConfirmImpact.Medium) ? removal.Count(path) : null;
            if (ShouldProcess(path, count is null ? "Remove node and its subtree" : $"Remove node and its subtree ({SubtreeRemoval.Nodes(count.Value)})"))
            {
                var deleted = removal.Remove(path, Version);
                WriteVerbose($"{path} and its subtree: {SubtreeRemoval.Nodes(deleted)} deleted.");
            }
            return;
        }
        if (!ShouldProcess(path, "Remove node"))
        {
            return;
        }
        _window!.Add(session, path);
    }

    protected override void EndProcessing() => _window!.Drain();

    internal override InTransaction InTransaction => InTransaction.Queued;

    internal override ErrorAdvice? AdviceFor(ZooKeeperException failure) => failure.Code switch
    {
        ErrorCode.NotEmpty => Recurse ? SubtreeRemoval.LeftOver : UseRecurse,
        ErrorCode.NoAuth when Recurse => SubtreeRemoval.NotPermitted,
        ErrorCode.NoAuth when failure.Path is { } path => DeleteNotPermitted(path),
        _ => null,
    };

    private static ErrorAdvice DeleteNotPermitted(string path)
    {
        var parent = ZooKeeperPath.GetParent(path);
        return new ErrorAdvice(
            $"Deleting a node needs the Delete permission on its parent, {parent}, and this session does not have it.",
            $"Connect with -Credential as a user that has the Delete permission on {parent}.");
    }
}
