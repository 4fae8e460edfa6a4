<#
.SYNOPSIS
    One timed subtree command for bench/Invoke-SubtreeBenchmark.ps1, in a fresh pwsh: Export, Import or Copy.

.DESCRIPTION
    Imports the module, connects, collects garbage and resets the kernel's peak-RSS mark (Linux:
    /proc/self/clear_refs), runs the command once with a stopwatch, and prints one JSON line: nodes, seconds, and
    the peak working set during the command (VmHWM after the reset).
#>
param(
    [Parameter(Mandatory)] [ValidateSet('Export', 'Import', 'Copy')] [string] $Work,
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $Source,
    [Parameter(Mandatory)] [string] $Destination,
    [Parameter(Mandatory)] [string] $File,
    [Parameter(Mandatory)] [string] $SourceRoot,
    [Parameter(Mandatory)] [string] $DestinationRoot
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$to = Connect-ZooKeeper $Destination
$from = Connect-ZooKeeper $Source
[GC]::Collect()
[GC]::WaitForPendingFinalizers()
$process = [Diagnostics.Process]::GetCurrentProcess()
try { [IO.File]::WriteAllText('/proc/self/clear_refs', '5') } catch { }

$clock = [Diagnostics.Stopwatch]::StartNew()
# Only the last verbose line is kept (the totals): with -Verbose, Import-ZkTree's ShouldProcess writes one per node.
$summary = "$(switch ($Work) {
    'Export' { Export-ZkTree $SourceRoot -Destination $File -Session $from -Verbose 4>&1 | Select-Object -Last 1 }
    'Import' { Import-ZkTree $File -Destination $DestinationRoot -Session $to -Verbose 4>&1 | Select-Object -Last 1 }
    'Copy' { Copy-ZkTree $SourceRoot $DestinationRoot -Session $from -DestinationSession $to -Verbose 4>&1 | Select-Object -Last 1 }
})"
$seconds = $clock.Elapsed.TotalSeconds
$process.Refresh()
if ($summary -notmatch '(Exported|Imported|Copied) (\d+) nodes') { throw "$Work printed no total: $summary" }
Get-ZkSession | Disconnect-ZooKeeper
[ordered]@{ nodes = [int]$Matches[2]; seconds = $seconds; peakBytes = $process.PeakWorkingSet64; summary = $summary } | ConvertTo-Json -Compress
