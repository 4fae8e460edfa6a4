using System.Diagnostics;
using System.Management.Automation;
using ZooKeeperPS.Commands;

namespace ZooKeeperPS;

/// <summary>Progress for long recursive work: the first report at once, then at most four a second so it never slows the work.</summary>
internal sealed class Progress
{
    private static readonly long Interval = Stopwatch.Frequency / 4;
    private readonly ZkCmdlet _cmdlet;
    private readonly ProgressRecord _record;
    private long _lastWritten;
    private bool _written;

    public Progress(ZkCmdlet cmdlet, int activityId, string activity)
    {
        _cmdlet = cmdlet;
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
        _cmdlet.WriteProgress(_record);
        _written = true;
    }

    public void Complete()
    {
        if (_written)
        {
            _record.RecordType = ProgressRecordType.Completed;
            _cmdlet.WriteProgress(_record);
            _written = false;
        }
    }
}
