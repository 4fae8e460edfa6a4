using System.Diagnostics;
using System.Management.Automation;

namespace ZooKeeperPS;

/// <summary>Progress for long recursive work: the first report at once, then at most four a second so it never slows the work.</summary>
internal sealed class Progress
{
    private static readonly long Interval = Stopwatch.Frequency / 4;
    private readonly IZkPipelineHost _host;
    private readonly ProgressRecord _record;
    private long _lastWritten;
    private bool _written;

    public Progress(IZkPipelineHost host, int activityId, string activity)
    {
        _host = host;
        _record = new ProgressRecord(activityId, activity, "Starting");
    }

    public void Report(string status, int percentComplete = -1)
    {
        var now = Stopwatch.GetTimestamp();
        if (_written && now - _lastWritten < Interval)
        {
            return;
        }
        _lastWritten = now;
        _record.StatusDescription = status;
        _record.PercentComplete = percentComplete;
        _record.RecordType = ProgressRecordType.Processing;
        _host.WriteProgress(_record);
        _written = true;
    }

    public void Complete()
    {
        if (_written)
        {
            _record.RecordType = ProgressRecordType.Completed;
            _host.WriteProgress(_record);
            _written = false;
        }
    }
}
