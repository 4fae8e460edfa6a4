<#
.SYNOPSIS
    The figures, tables and goals of bench/Invoke-Benchmark.ps1, made from what its contenders reported.

.DESCRIPTION
    Dot-sourced by Invoke-Benchmark.ps1. Every function takes what it works on as parameters.
#>

function ConvertTo-Figures($Contenders, $WorkloadNames) {
    <#
        Per contender and workload: ops, seconds, ops/s and the ratios to the Java async client and to kazoo's
        blocking loop (ops/s over the baseline's ops/s on the same workload; $null where the baseline did not run).
    #>
    function Get-BaselineRatio([string] $Baseline, [string] $Workload, [double] $OpsPerSecond) {
        if ($Contenders.Contains($Baseline)) {
            $figure = $Contenders[$Baseline][$Workload]
            [Math]::Round($OpsPerSecond / ($figure.ops / $figure.seconds), 2)
        }
    }
    $figures = [ordered]@{}
    foreach ($contender in $Contenders.Keys) {
        $figures[$contender] = [ordered]@{}
        foreach ($workload in $WorkloadNames.Keys) {
            $result = $Contenders[$contender][$workload]
            $opsPerSecond = $result.ops / $result.seconds
            $figures[$contender][$workload] = [ordered]@{
                ops                  = $result.ops
                seconds              = $result.seconds
                opsPerSecond         = [Math]::Round($opsPerSecond)
                ratioToJavaAsync     = Get-BaselineRatio 'Java async' $workload $opsPerSecond
                ratioToKazooBlocking = Get-BaselineRatio 'kazoo blocking' $workload $opsPerSecond
            }
        }
    }
    $figures
}

function Write-ContenderTable($Figures, $WorkloadNames, [string] $Title, [scriptblock] $Cell) {
    <# One row per contender, one column per workload; $Cell turns a figure into the text of its cell. #>
    $rows = foreach ($contender in $Figures.Keys) {
        $row = [ordered]@{ Contender = $contender }
        foreach ($workload in $WorkloadNames.Keys) {
            $row[$WorkloadNames[$workload]] = & $Cell $Figures[$contender][$workload]
        }
        [pscustomobject] $row
    }
    Write-Host ''
    Write-Host $Title
    $rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
}

function Get-Goals($Figures, $WorkloadNames, $ModuleCosts) {
    <# The goals of issues 6 and 14, judged on this run's figures (reported, never asserted: speed depends on the machine). #>
    function Get-Ratio([string] $Contender, [string] $Workload, [string] $Baseline) {
        if ($Figures.Contains($Contender) -and $Figures.Contains($Baseline)) {
            $Figures[$Contender][$Workload].opsPerSecond / $Figures[$Baseline][$Workload].opsPerSecond
        }
    }
    $goals = [Collections.Generic.List[object]]::new()
    function Add-Goal([string] $Issue, [string] $Goal, $Actual, [double] $Target, [string] $Unit = 'x') {
        if ($null -eq $Actual) { return }
        $met = if ($Unit -eq 'ms') { $Actual -lt $Target } else { $Actual -ge $Target }
        $goals.Add([ordered]@{ issue = $Issue; goal = $Goal; actual = [Math]::Round($Actual, 2); target = $Target; unit = $Unit; met = $met })
    }
    foreach ($workload in $WorkloadNames.Keys) {
        Add-Goal 6 "cmdlets $workload >= 5x kazoo blocking" (Get-Ratio 'cmdlets' $workload 'kazoo blocking') 5
        Add-Goal 6 "cmdlets $workload >= kazoo async" (Get-Ratio 'cmdlets' $workload 'kazoo async') 1
        # Issue 6 set the C# client's W5 goal on the client's recursive delete (RecursiveDeleter, multi requests), which
        # kazoo async, told the tree's shape, is measured against; since issue 14 the 'C# client' contender deletes one
        # request per node after finding the nodes, as Java async does, and 'C# batched' runs the recursive delete.
        $client = $workload -eq 'W5' ? 'C# batched' : 'C# client'
        Add-Goal 6 "$client $workload >= kazoo async" (Get-Ratio $client $workload 'kazoo async') 1
    }
    Add-Goal 6 'Remove-ZkNode -Recurse (cmdlets W5) >= 2x kazoo async' (Get-Ratio 'cmdlets' 'W5' 'kazoo async') 2
    if ($ModuleCosts) { Add-Goal 6 'Import-Module in a warm pwsh < 200 ms' $ModuleCosts.importMilliseconds 200 'ms' }
    foreach ($workload in $WorkloadNames.Keys) {
        $target = $workload -eq 'W1' ? 3 : 2
        Add-Goal 14 "cmdlets $workload >= ${target}x Java async" (Get-Ratio 'cmdlets' $workload 'Java async') $target
        Add-Goal 14 "C# client $workload >= 1.5x Java async" (Get-Ratio 'C# client' $workload 'Java async') 1.5
    }
    , $goals
}

function Write-Report($Figures, $WorkloadNames, [string] $Conditions, $ModuleCosts, $Streaming, $Goals) {
    $javaTitle = $Figures.Contains('Java async') ? 'ops/s and ratio to the Java async client' : 'ops/s (the Java async client did not run)'
    Write-ContenderTable $Figures $WorkloadNames "${javaTitle}, $Conditions" {
        param($figure)
        $cell = '{0,9:N0}/s' -f $figure.opsPerSecond
        if ($null -ne $figure.ratioToJavaAsync) { $cell += ' {0,5:N2}x' -f $figure.ratioToJavaAsync }
        $cell
    }
    if ($Figures.Contains('kazoo blocking')) {
        Write-ContenderTable $Figures $WorkloadNames "ratio to kazoo's blocking loop" { param($figure) '{0,6:N1}x' -f $figure.ratioToKazooBlocking }
    }
    if ($ModuleCosts) {
        Write-Host ('Import-Module ZooKeeperPS in a warm pwsh: {0:N0} ms (median of {1})' -f $ModuleCosts.importMilliseconds, $ModuleCosts.samples)
        Write-Host ('Connect-ZooKeeper + Disconnect-ZooKeeper: first {0:N1} ms, then {1:N1} ms' -f $ModuleCosts.firstConnectMilliseconds, $ModuleCosts.connectMilliseconds)
    }
    if ($Streaming) {
        Write-Host ('pwsh working set while Get-ZkChildItem -Recurse streamed {0:N0} nodes: {1:N0} MiB before, peak {2:N0} MiB ({3});' -f
            $Streaming.nodes, ($Streaming.baselineBytes / 1MB), ($Streaming.peakBytes / 1MB), $Streaming.peakMethod)
        Write-Host ('  managed heap after garbage collection: {0:N1} MiB before, peak {1:N1} MiB' -f
            ($Streaming.managedHeapBaselineBytes / 1MB), ($Streaming.managedHeapPeakBytes / 1MB))
    }
    if ($Goals.Count -gt 0) {
        Write-Host ''
        Write-Host 'Goals on this run:'
        foreach ($goal in $Goals) {
            Write-Host ('  {0,-8} issue {1,-3} {2,-52} {3,8:N2} {4}' -f ($goal.met ? 'met' : 'NOT MET'), $goal.issue, $goal.goal, $goal.actual, $goal.unit)
        }
    }
}
