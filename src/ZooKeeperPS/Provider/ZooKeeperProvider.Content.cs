using System;
using System.Collections.ObjectModel;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Provider;
using ZooKeeperPS.Client;

namespace ZooKeeperPS;

// Get-Content, Set-Content, Add-Content, Clear-Content; Get-ItemProperty (the stat).
public sealed partial class ZooKeeperProvider : IContentCmdletProvider, IPropertyCmdletProvider
{
    private static readonly string[] StatFields =
        { "czxid", "mzxid", "ctime", "mtime", "version", "cversion", "aversion", "ephemeralOwner", "dataLength", "numChildren", "pzxid" };

    public IContentReader? GetContentReader(string path)
    {
        var (session, node) = Resolve(path);
        var options = DynamicParameters as ZkContentReaderParameters;
        return Read(session, node) is { } read
            ? new ZkContentReader(read.Data, options?.Encoding ?? NodeValue.DefaultEncoding, options?.AsByteStream == true, options?.Raw == true)
            : null;
    }

    public object GetContentReaderDynamicParameters(string path) => new ZkContentReaderParameters();

    public IContentWriter GetContentWriter(string path)
    {
        var (session, node) = Resolve(path);
        return new ZkContentWriter(this, session, node.Node, DynamicParameters as ZkContentWriterParameters,
            (failure, target) => WriteFailure(failure, target));
    }

    public object GetContentWriterDynamicParameters(string path) => new ZkContentWriterParameters();

    public void ClearContent(string path)
    {
        if (DynamicParameters is ZkContentWriterParameters setContent)
        {
            // Set-Content empties the item before it writes, with its own parameters. A znode is better overwritten
            // in one setData than emptied first (readers would see it empty meanwhile): the writer does it.
            setContent.Overwrite = true;
            return;
        }
        var (session, node) = Resolve(path);
        if (ShouldProcess(node.Node, "Clear node data"))
        {
            SetData(session, node, Array.Empty<byte>());
        }
    }

    public object? ClearContentDynamicParameters(string path) => null;

    /// <summary>The node's stat, with ZooKeeper's field names (exists: it needs no permission on the node).</summary>
    public void GetProperty(string path, Collection<string>? providerSpecificPickList)
    {
        var (session, node) = Resolve(path);
        Stat? stat;
        try
        {
            stat = this.Await(() => session.Client.ExistsAsync(node.Node, null, StopToken), session)
                ?? throw new ZooKeeperException(ErrorCode.NoNode, node.Node);
        }
        catch (Exception failure) when (failure is not PipelineStoppedException)
        {
            WriteFailure(failure, node.Node);
            return;
        }
        var fields = new ZkStat(stat);
        var picked = providerSpecificPickList is { Count: > 0 } pickList
            ? StatFields.Where(field => pickList.Any(pick => new WildcardPattern(pick, WildcardOptions.IgnoreCase).IsMatch(field))).ToArray()
            : StatFields;
        var properties = new PSObject();
        var source = PSObject.AsPSObject(fields);
        foreach (var field in picked)
        {
            properties.Properties.Add(new PSNoteProperty(field, source.Properties[field].Value));
        }
        WritePropertyObject(properties, path);
    }

    public object? GetPropertyDynamicParameters(string path, Collection<string>? providerSpecificPickList) => null;

    public void SetProperty(string path, PSObject propertyValue) => WriteError(StatIsReadOnly(path));

    public object? SetPropertyDynamicParameters(string path, PSObject propertyValue) => null;

    public void ClearProperty(string path, Collection<string> propertyToClear) => WriteError(StatIsReadOnly(path));

    public object? ClearPropertyDynamicParameters(string path, Collection<string> propertyToClear) => null;

    private static ErrorRecord StatIsReadOnly(string path) => new(
        new NotSupportedException("A znode's properties are its stat, which only the server changes. Set its data with Set-Content, its ACL with Set-ZkAcl."),
        "ZooKeeper.StatReadOnly", ErrorCategory.NotImplemented, ProviderPath.Parse(path).Node);
}
