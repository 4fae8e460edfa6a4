# The lock workload of bench/Invoke-Benchmark.ps1 (issue 17): acquire + release per second on one path, with one
# contender (no waiting) and with several (each acquisition waits for the previous holder's release), for kazoo's
# Lock (bench/kazoo_lock_bench.py, threads with a session each) and Invoke-ZkLock (bench/LockWorkload.ps1, runspaces
# with a session each). Dot-sourced; Invoke-LockBenchmark returns one row per contender and count, the fastest of
# -Repeat rounds, and Write-LockReport prints them.

function Invoke-LockBenchmark {
    param(
        [string] $ConnectionString,
        [string[]] $PwshCommand,
        [string] $ModulePath,
        [bool] $KazooPresent,
        [int] $Repeat = 1,
        [int[]] $ContenderCounts = @(1, 4),
        [int] $Rounds = 200
    )
    $runs = [ordered]@{}
    foreach ($round in 1..$Repeat) {
        foreach ($count in $ContenderCounts) {
            $perContender = [Math]::Max(20, [int]($Rounds / $count))
            $path = "/bench-locks/round$round-$count"
            if ($KazooPresent) {
                $runs["kazoo Lock|$count"] += @(Invoke-ChildProcess "kazoo locks ($count)" @('/usr/bin/python3', (Join-Path $PSScriptRoot 'kazoo_lock_bench.py'), $ConnectionString, "$path-kazoo", $count, $perContender))
            }
            if ($ModulePath -and (Test-Path $ModulePath)) {
                $runs["Invoke-ZkLock|$count"] += @(Invoke-ChildProcess "cmdlet locks ($count)" ($PwshCommand + @('-NoProfile', '-NonInteractive', '-File',
                            (Join-Path $PSScriptRoot 'LockWorkload.ps1'), '-ModulePath', $ModulePath, '-ConnectionString', $ConnectionString,
                            '-Path', "$path-pwsh", '-Contenders', $count, '-Rounds', $perContender)))
            }
        }
    }
    foreach ($run in $runs.GetEnumerator()) {
        $contender, $count = $run.Key -split '\|'
        $fastest = $run.Value | Sort-Object { $_.acquisitions / $_.seconds } -Descending | Select-Object -First 1
        [ordered]@{
            contender    = $contender
            contenders   = [int]$count
            acquisitions = $fastest.acquisitions
            seconds      = $fastest.seconds
            perSecond    = [Math]::Round($fastest.acquisitions / $fastest.seconds, 1)
        }
    }
}

function Write-LockReport($Rows) {
    Write-Host ''
    Write-Host 'Locks: acquire + release per second on one path (fastest round)'
    $Rows | ForEach-Object { [pscustomobject]$_ } | Sort-Object contenders, contender |
        Format-Table @{ n = 'contender'; e = { $_.contender } }, @{ n = 'contenders'; e = { $_.contenders } },
            @{ n = 'acquisitions'; e = { $_.acquisitions } }, @{ n = 'per second'; e = { $_.perSecond } } -AutoSize | Out-Host
}
