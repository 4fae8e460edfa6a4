<#
.SYNOPSIS
    Peak working set of a pwsh that streams Get-ZkChildItem -Recurse (or Get-ChildItem zk:/bench -Recurse) over the benchmark tree.

.DESCRIPTION
    For bench/Invoke-Benchmark.ps1, which seeds the tree first. In a fresh pwsh: import, connect, collect garbage,
    note the working set, reset the kernel's peak-RSS mark (Linux: /proc/self/clear_refs), then count every node of
    Get-ZkChildItem /bench -Recurse through the pipeline without keeping any, and read the peak back. With -Lister
    Provider the nodes come from Get-ChildItem zk:/bench -Recurse on a zk: drive of the session instead, with
    ProviderNames from Get-ChildItem zk:/bench -Recurse -Name (PowerShell's own walk, see WalkLookahead). Where the
    mark cannot be reset, the peak is sampled every 1,000 nodes instead. Every 1,000 nodes it also samples the
    managed heap as the last garbage collection left it (what the process really holds, without the garbage that
    the working set also counts). Memory is flat when the peak does not grow with N. Prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString,
    [Parameter(Mandatory)] [int] $N,
    [ValidateSet('Cmdlets', 'Provider', 'ProviderNames')] [string] $Lister = 'Cmdlets'
)

$ErrorActionPreference = 'Stop'

Import-Module $ModulePath
$null = Connect-ZooKeeper $ConnectionString -DriveName zk
$list = switch ($Lister) {
    'Cmdlets' { { Get-ZkChildItem /bench -Recurse } }
    'Provider' { { Get-ChildItem zk:/bench -Recurse } }
    'ProviderNames' { { Get-ChildItem zk:/bench -Recurse -Name } }
}
[GC]::Collect()
[GC]::WaitForPendingFinalizers()
$process = [Diagnostics.Process]::GetCurrentProcess()
$process.Refresh()
$baseline = $process.WorkingSet64

$peakMethod = 'kernel peak RSS (VmHWM) reset before the walk'
try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') }
catch { $peakMethod = 'working set sampled every 1,000 nodes' }

$nodes = 0
$sampledPeak = $baseline
$heapBaseline = [GC]::GetGCMemoryInfo().HeapSizeBytes
$heapPeak = $heapBaseline
& $list | ForEach-Object {
    $nodes++
    if ($nodes % 1000 -eq 0) {
        $process.Refresh()
        $sampledPeak = [Math]::Max($sampledPeak, $process.WorkingSet64)
        $heapPeak = [Math]::Max($heapPeak, [GC]::GetGCMemoryInfo().HeapSizeBytes)
    }
}
$process.Refresh()
$peak = [Math]::Max($sampledPeak, $process.WorkingSet64)
if ($peakMethod -like 'kernel*') { $peak = [Math]::Max($peak, $process.PeakWorkingSet64) }

$expected = 100 + $N
if ($nodes -ne $expected) { throw "$($Lister): WRONG RESULT: $list streamed $nodes nodes, expected $expected" }
Disconnect-ZooKeeper

[ordered]@{
    lister        = $Lister
    nodes         = $nodes
    baselineBytes = $baseline
    peakBytes     = $peak
    peakMethod    = $peakMethod
    managedHeapBaselineBytes = $heapBaseline
    managedHeapPeakBytes     = $heapPeak
} | ConvertTo-Json -Compress
