<#
.SYNOPSIS
    The cmdlet side of the lock workload, in a fresh pwsh for bench/Invoke-Benchmark.ps1.

.DESCRIPTION
    -Contenders runspaces, each with a session of its own, run Invoke-ZkLock with an empty block on one path
    -Rounds times each: acquire + release per second, one contender (no waiting) or several (every acquisition
    waits for the previous holder's release). An untimed round first compiles the code paths. Checks that no two
    held the lock at once and prints {"contenders": .., "acquisitions": .., "seconds": ..} as JSON.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString,
    [Parameter(Mandatory)] [string] $Path,
    [int] $Contenders = 1,
    [int] $Rounds = 200
)

$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$null = Connect-ZooKeeper $ConnectionString
Invoke-ZkLock "$Path-warm-up" { }

$state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
$state.ImportPSModule($ModulePath)
$inside = [int[]]::new(2)   # [0]: holders now, [1]: times two held at once
$contend = {
    param($ConnectionString, $Path, $Rounds, $Inside, $Ready, $StartLine)
    $null = Connect-ZooKeeper $ConnectionString
    $Ready.Signal()
    $null = $StartLine.Wait()
    foreach ($round in 1..$Rounds) {
        Invoke-ZkLock $Path {
            if ([System.Threading.Interlocked]::Increment([ref] $Inside[0]) -ne 1) { [System.Threading.Interlocked]::Increment([ref] $Inside[1]) }
            $null = [System.Threading.Interlocked]::Decrement([ref] $Inside[0])
        }
    }
}
$startLine = [System.Threading.Tasks.TaskCompletionSource[bool]]::new()
$ready = [System.Threading.CountdownEvent]::new($Contenders)
$shells = foreach ($contender in 1..$Contenders) {
    $shell = [powershell]::Create($state)
    $null = $shell.AddScript($contend).AddParameters(@{
            ConnectionString = $ConnectionString; Path = $Path; Rounds = $Rounds; Inside = $inside; Ready = $ready; StartLine = $startLine.Task
        })
    [pscustomobject]@{ Shell = $shell; Running = $shell.BeginInvoke() }
}
if (-not $ready.Wait([TimeSpan]::FromSeconds(60))) { throw 'The contenders did not connect within 60 s.' }
$watch = [System.Diagnostics.Stopwatch]::StartNew()
$startLine.SetResult($true)
foreach ($contender in $shells) {
    $null = $contender.Shell.EndInvoke($contender.Running)
    if ($contender.Shell.HadErrors) { throw "A contender failed: $($contender.Shell.Streams.Error[0])" }
    $contender.Shell.Dispose()
}
$watch.Stop()
if ($inside[1] -ne 0) { throw 'Two contenders held the lock at once.' }
[ordered]@{ contenders = $Contenders; acquisitions = $Contenders * $Rounds; seconds = $watch.Elapsed.TotalSeconds } | ConvertTo-Json -Compress
