using System.Management.Automation;
using System.Text;
using System.Threading.Tasks;
using ZooKeeperPS.Client;

namespace ZooKeeperPS.Commands;

/// <summary>Reads the data and stat of znodes; many paths from the pipeline are read with their requests pipelined.</summary>
[Cmdlet(VerbsCommon.Get, "ZkNode")]
[OutputType(typeof(ZkNode))]
public sealed class GetZkNodeCommand : ZkSessionCmdlet
{
    private RequestWindow? _window;

    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [ZkPathTransformation]
    [ArgumentCompleter(typeof(ZkPathCompleter))]
    public string[] Path { get; set; } = { };

    /// <summary>How to decode the data into Value (UTF-8 by default); Data always holds the raw bytes.</summary>
    [Parameter]
    [EncodingArgumentTransformation]
    [ArgumentCompleter(typeof(EncodingNameCompleter))]
    public Encoding Encoding { get; set; } = NodeValue.DefaultEncoding;

    protected override void BeginProcessing() => _window = new RequestWindow(this);

    private protected override void ProcessRecord(ZkSession session)
    {
        var client = session.Client;
        var token = StopToken;
        foreach (var path in Path)
        {
            var read = Start(() => client.GetDataAsync(path, null, token));
            _window!.Add(read, session, request =>
            {
                if (request.Status == TaskStatus.RanToCompletion)
                {
                    var result = ((Task<DataResult>)request).Result;
                    WriteObject(new ZkNode(session, path, result.Data, result.Stat, Encoding));
                }
                else
                {
                    WriteFailure(request, path);
                }
            });
        }
    }

    protected override void EndProcessing() => _window!.Drain();
}
