using System;
using System.Management.Automation;
using System.Text;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

// New-Item zk:/a -Value v [-ItemType Ephemeral|Sequential|EphemeralSequential|Container|Ttl] [-Ttl 60] [-Force].
public sealed partial class ZooKeeperProvider
{
    protected override object NewItemDynamicParameters(string path, string itemTypeName, object newItemValue) => new ZkNewItemParameters();

    protected override void NewItem(string path, string itemTypeName, object newItemValue)
    {
        var (session, node) = Resolve(path);
        var options = DynamicParameters as ZkNewItemParameters;
        var ttl = options?.Ttl;
        if (!TryParseMode(itemTypeName, ttl.HasValue, out var mode))
        {
            WriteError(ZkErrors.InvalidArgument(
                $"'{itemTypeName}' is not a kind of znode. Use Persistent (the default), Ephemeral, Sequential, EphemeralSequential, Container, Ttl or TtlSequential.",
                "InvalidItemType", node.Node));
            return;
        }
        var isTtl = mode is CreateMode.PersistentWithTtl or CreateMode.PersistentSequentialWithTtl;
        if (isTtl != ttl.HasValue)
        {
            WriteError(ZkErrors.InvalidArgument(isTtl ? "A TTL node needs -Ttl (seconds or a TimeSpan)."
                : $"-Ttl applies to persistent nodes (-ItemType Ttl or TtlSequential), not to {mode} nodes.", "InvalidTtl", node.Node));
            return;
        }
        var value = newItemValue is PSObject wrapped ? wrapped.BaseObject : newItemValue;
        var data = value is null ? Array.Empty<byte>() : NodeValue.ToBytes(value, options?.Encoding ?? NodeValue.DefaultEncoding);
        if (!ShouldProcess(node.Node, $"Create {mode} node"))
        {
            return;
        }
        var client = session.Client;
        if (Force)
        {
            CreateMissingParents(session, node.Node);
        }
        var token = StopToken;
        var window = new RequestWindow(this);
        window.Add(() => client.CreateAsync(node.Node, data, mode, null, ttl, token),
            session,
            created => WriteNode(session, node.WithNode(created.Path), data ?? Array.Empty<byte>(), created.Stat),
            failure => WriteFailure(failure, node.Node, ProviderAdvice.ForCreate),
            LostCreate.Resend(client, node.Node, data, mode, ttl, token));
        window.Drain();
    }

    /// <summary>Creates the missing ancestors of a node (pipelined; NodeExists is expected), for New-Item -Force.</summary>
    private void CreateMissingParents(ZkSession session, string path)
    {
        var window = new RequestWindow(this);
        var client = session.Client;
        var token = StopToken;
        for (var slash = path.IndexOf('/', 1); slash > 0; slash = path.IndexOf('/', slash + 1))
        {
            var parent = path.Substring(0, slash);
            window.Add(() => client.CreateAsync(parent, Array.Empty<byte>(), CreateMode.Persistent, null, null, token), session,
                _ => { },
                failure =>
                {
                    if (ZkErrors.Unwrap(failure) is not ZooKeeperException { Code: ErrorCode.NodeExists })
                    {
                        WriteFailure(failure, parent, ProviderAdvice.ForCreate);
                    }
                });
        }
        window.Drain();
    }

    private static bool TryParseMode(string? itemType, bool ttlGiven, out CreateMode mode)
    {
        switch ((itemType ?? "").Replace("-", "").ToLowerInvariant())
        {
            case "" or "persistent" or "node" or "directory" or "file":
                mode = ttlGiven ? CreateMode.PersistentWithTtl : CreateMode.Persistent;
                return true;
            case "ephemeral":
                mode = CreateMode.Ephemeral;
                return true;
            case "sequential" or "persistentsequential":
                mode = ttlGiven ? CreateMode.PersistentSequentialWithTtl : CreateMode.PersistentSequential;
                return true;
            case "ephemeralsequential":
                mode = CreateMode.EphemeralSequential;
                return true;
            case "container":
                mode = CreateMode.Container;
                return true;
            case "ttl" or "persistentwithttl":
                mode = CreateMode.PersistentWithTtl;
                return true;
            case "ttlsequential" or "persistentsequentialwithttl":
                mode = CreateMode.PersistentSequentialWithTtl;
                return true;
            default:
                mode = CreateMode.Persistent;
                return false;
        }
    }
}

/// <summary>What New-Item takes beyond its own parameters on a zk: drive.</summary>
public sealed class ZkNewItemParameters
{
    /// <summary>The time to live of a TTL node (-ItemType Ttl or TtlSequential): seconds or a TimeSpan.</summary>
    [Parameter]
    [SecondsArgumentTransformation]
    public TimeSpan? Ttl { get; set; }

    /// <summary>How a string -Value is encoded (UTF-8 by default); a byte array is stored as it is.</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding? Encoding { get; set; }
}
