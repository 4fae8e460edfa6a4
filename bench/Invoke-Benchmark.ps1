<#
.SYNOPSIS
    Benchmarks ZooKeeperPS against kazoo on one fresh ZooKeeper server.

.DESCRIPTION
    Builds the module and the C# contender, starts one standalone ZooKeeper through the test harness (default
    configuration, fsync on), and runs the workloads W1-W5 on /bench/d000../bench/d099 (N/100 leaves of 64 bytes
    each) with every contender, one after the other on that server:
        cmdlets         the module the way a user writes it, in a child pwsh that imports the built module; it runs
                        W1-W5 twice: "cmdlets 1st run" includes compiling the code paths once (what a script
                        started with pwsh -File pays), "cmdlets" is the second run, the steady state
        C# client       ZooKeeperPS.Client used directly (bench/ZooKeeperPS.Bench), one request per node,
                        pipelined (W5: multi deletes), after an untimed warm-up run on a small tree
        C# batched      the same with 1,000 operations per request (multi for writes, multiRead for reads),
                        pipelined: what the server can take
        kazoo blocking  kazoo's plain blocking calls in a loop (bench/kazoo_bench.py)
        kazoo async     kazoo's *_async calls with 1,000 requests in flight
    Every contender checks counts and data after each workload and a wrong result fails the run. Then it measures
    what a script pays once (module import in a warm pwsh, connect plus disconnect) and the peak working set of a
    pwsh streaming Get-ZkChildItem -Recurse over the whole tree. Prints a table of ops/s with the ratio to kazoo's
    blocking loop and writes every figure to out/bench/results.json.

.PARAMETER N
    Leaves in the tree, a multiple of 100: 10,000 by default, 100,000 for the memory figure that matters.

.PARAMETER ImportSamples
    Fresh pwsh processes in which the first Import-Module is timed; the median is reported.

.PARAMETER Repeat
    Rounds of every contender (in turn, on the same server); each workload reports its fastest round. More than
    one evens out disturbance from other work on the machine.

.PARAMETER NoBuild
    Use the module and the C# contender that out/ already holds instead of building them.

.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1

.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -N 100000
#>
[CmdletBinding()]
param(
    [ValidateScript({ $_ -ge 100 -and $_ % 100 -eq 0 }, ErrorMessage = 'N must be a positive multiple of 100.')]
    [int] $N = 10000,

    [ValidateRange(1, 50)]
    [int] $ImportSamples = 5,

    [ValidateRange(1, 20)]
    [int] $Repeat = 1,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repositoryRoot = Split-Path -Parent $PSScriptRoot
$outputDirectory = Join-Path $repositoryRoot 'out/bench'
$benchBinaries = Join-Path $outputDirectory 'bin'
$benchDll = Join-Path $benchBinaries 'ZooKeeperPS.Bench.dll'
$workloadNames = [ordered]@{
    W1 = 'W1 create tree'
    W2 = 'W2 read leaves'
    W3 = 'W3 list tree'
    W4 = 'W4 set leaves'
    W5 = 'W5 delete tree'
}

# A child pwsh like this one: under `dotnet pwsh` the process is dotnet running pwsh.dll.
$pwshCommand = @([Environment]::ProcessPath)
if ([IO.Path]::GetFileNameWithoutExtension($pwshCommand[0]) -eq 'dotnet') {
    $pwshCommand += Join-Path $PSHOME 'pwsh.dll'
}

function Invoke-ChildProcess {
    <# Runs a command, fails when it fails, and returns the JSON object that it printed last, if any. #>
    param([string] $Name, [string[]] $Command)
    $lines = & $Command[0] $Command[1..($Command.Count - 1)]
    if ($LASTEXITCODE -ne 0) {
        throw "$Name failed (exit code $LASTEXITCODE); its error output is above."
    }
    $json = @($lines | Where-Object { $_ -match '^\s*\{' })
    if ($json.Count -gt 0) { $json[-1] | ConvertFrom-Json -AsHashtable }
}

function Invoke-Pwsh {
    param([string] $Name, [string] $Script, [string[]] $Arguments)
    Invoke-ChildProcess $Name ($pwshCommand + @('-NoProfile', '-NonInteractive', '-File', (Join-Path $PSScriptRoot $Script)) + $Arguments)
}

function Select-Fastest($Best, $Run) {
    <# Per workload, the run with the fewest seconds: on a shared machine the fastest run is the least disturbed. #>
    if ($null -eq $Best) { return $Run }
    $fastest = [ordered]@{}
    foreach ($workload in $Run.Keys) {
        $fastest[$workload] = if ($Run[$workload].seconds -lt $Best[$workload].seconds) { $Run[$workload] } else { $Best[$workload] }
    }
    $fastest
}

function Get-Median([double[]] $Values) {
    $sorted = @($Values | Sort-Object)
    $sorted[[int][Math]::Floor(($sorted.Count - 1) / 2)]
}

# ---- build -------------------------------------------------------------------------------------------------------
$buildScript = Join-Path $repositoryRoot 'build.ps1'
if (-not $NoBuild) {
    if (Test-Path $buildScript) {
        Write-Host 'Building the module (build.ps1 Build)...'
        & $buildScript Build
    }
    Write-Host 'Building the C# contender...'
    dotnet build (Join-Path $PSScriptRoot 'ZooKeeperPS.Bench') -c Release -o $benchBinaries --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Building bench/ZooKeeperPS.Bench failed.' }
}
# A private copy of the module that build.ps1 Build assembled, so that a rebuild during the run cannot change it.
$builtModule = Join-Path $repositoryRoot 'out/ZooKeeperPS'
$modulePath = Join-Path $outputDirectory 'ZooKeeperPS/ZooKeeperPS.psd1'
Remove-Item (Split-Path $modulePath) -Recurse -Force -ErrorAction Ignore
if (Test-Path (Join-Path $builtModule 'ZooKeeperPS.psd1')) {
    Copy-Item $builtModule $outputDirectory -Recurse
}
Add-Type -Path (Join-Path $benchBinaries 'ZooKeeperPS.TestHarness.dll')

# ---- one server for every contender ------------------------------------------------------------------------------
$serverOptions = [ZooKeeperPS.TestHarness.ZooKeeperServerOptions]::new()
$serverOptions.Config['forceSync'] = 'yes'   # ZooKeeper's default, stated so that a harness default cannot turn it off
Write-Host 'Starting a standalone ZooKeeper...'
$server = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone($serverOptions)
try {
    $connection = $server.ConnectionString
    $serverVersion = if ($server.FourLetterWord('srvr') -match 'Zookeeper version:\s*([0-9.]+)') { $Matches[1] } else { 'unknown' }
    Write-Host "Server $serverVersion on $connection (pid $($server.ProcessId)); N = $N leaves"

    # The JVM compiles its hot paths during the first thousands of requests; no contender should pay for that.
    Write-Host 'Warming the server up (C# client, N = 1000, not reported)...'
    $null = Invoke-ChildProcess 'warm-up' @('dotnet', $benchDll, 'run', $connection, '1000')

    # Each runner runs one contender once and returns its figures by column name.
    $runners = [ordered]@{}
    $kazooPresent = $false
    if (Test-Path /usr/bin/python3) {
        & /usr/bin/python3 -c 'import kazoo' 2>$null
        $kazooPresent = $LASTEXITCODE -eq 0
    }
    if ($kazooPresent) {
        $kazooScript = Join-Path $PSScriptRoot 'kazoo_bench.py'
        $runners['kazoo blocking'] = { @{ 'kazoo blocking' = Invoke-ChildProcess 'kazoo blocking' @('/usr/bin/python3', $kazooScript, $connection, $N, 'blocking') } }
        $runners['kazoo async'] = { @{ 'kazoo async' = Invoke-ChildProcess 'kazoo async' @('/usr/bin/python3', $kazooScript, $connection, $N, 'async') } }
    }
    else {
        Write-Warning 'kazoo is not installed for /usr/bin/python3 (Debian: python3-kazoo): its contenders are skipped.'
    }
    $runners['C# client'] = { @{ 'C# client' = Invoke-ChildProcess 'C# client' @('dotnet', $benchDll, 'run', $connection, $N) } }
    $runners['C# batched'] = { @{ 'C# batched' = Invoke-ChildProcess 'C# client, batched' @('dotnet', $benchDll, 'run-batched', $connection, $N) } }
    if (Test-Path $modulePath) {
        $runners['cmdlets'] = {
            $runs = Invoke-Pwsh 'cmdlets' 'CmdletWorkloads.ps1' @('-ModulePath', $modulePath, '-ConnectionString', $connection, '-N', $N, '-CheckerPath', $benchDll)
            [ordered]@{ 'cmdlets' = $runs.warm; 'cmdlets 1st run' = $runs.fresh }
        }
    }
    else {
        Write-Warning "No built module in $builtModule (build.ps1 Build): the cmdlet contender, import, connect and memory figures are skipped."
    }

    $contenders = [ordered]@{}
    foreach ($round in 1..$Repeat) {
        foreach ($runner in $runners.GetEnumerator()) {
            Write-Host "$($runner.Key) (round $round of $Repeat)..."
            $reported = & $runner.Value
            foreach ($column in $reported.Keys) {
                $contenders[$column] = Select-Fastest $contenders[$column] $reported[$column]
            }
        }
    }

    $moduleCosts = $null
    $streaming = $null
    if (Test-Path $modulePath) {
        Write-Host "Import and connect costs ($ImportSamples fresh pwsh processes)..."
        $samples = foreach ($sample in 1..$ImportSamples) {
            Invoke-Pwsh 'import and connect' 'ImportAndConnect.ps1' @('-ModulePath', $modulePath, '-ConnectionString', $connection)
        }
        $moduleCosts = [ordered]@{
            method                     = 'first Import-Module in a fresh pwsh process that has already run other commands (a warm shell that has not loaded the module yet); median over processes'
            samples                    = $ImportSamples
            importMilliseconds         = Get-Median ($samples | ForEach-Object { $_.importMilliseconds })
            firstConnectMilliseconds   = Get-Median ($samples | ForEach-Object { $_.firstConnectMilliseconds })
            connectMilliseconds        = Get-Median ($samples | ForEach-Object { $_.connectMilliseconds })
        }

        Write-Host 'Memory while Get-ZkChildItem -Recurse streams the tree...'
        $null = Invoke-ChildProcess 'seed' @('dotnet', $benchDll, 'seed', $connection, $N)
        $streaming = Invoke-Pwsh 'streaming memory' 'StreamingMemory.ps1' @('-ModulePath', $modulePath, '-ConnectionString', $connection, '-N', $N)
        $null = Invoke-ChildProcess 'remove' @('dotnet', $benchDll, 'remove', $connection, $N)
    }
}
finally {
    $server.Dispose()
}

# ---- report -------------------------------------------------------------------------------------------------------
$baselineName = 'kazoo blocking'
$figures = [ordered]@{}
foreach ($contender in $contenders.Keys) {
    $figures[$contender] = [ordered]@{}
    foreach ($workload in $workloadNames.Keys) {
        $result = $contenders[$contender][$workload]
        $opsPerSecond = $result.ops / $result.seconds
        $ratio = $null
        if ($contenders.Contains($baselineName)) {
            $baseline = $contenders[$baselineName][$workload]
            $ratio = [Math]::Round($opsPerSecond / ($baseline.ops / $baseline.seconds), 2)
        }
        $figures[$contender][$workload] = [ordered]@{
            ops                = $result.ops
            seconds            = $result.seconds
            opsPerSecond       = [Math]::Round($opsPerSecond)
            ratioToKazooBlocking = $ratio
        }
    }
}

$table = foreach ($workload in $workloadNames.Keys) {
    $row = [ordered]@{ Workload = $workloadNames[$workload] }
    foreach ($contender in $figures.Keys) {
        $figure = $figures[$contender][$workload]
        $cell = '{0,9:N0}/s' -f $figure.opsPerSecond
        if ($null -ne $figure.ratioToKazooBlocking) { $cell += ' {0,6:N1}x' -f $figure.ratioToKazooBlocking }
        $row[$contender] = $cell
    }
    [pscustomobject] $row
}
Write-Host ''
Write-Host "ops/s (and ratio to kazoo's blocking loop), N = $N leaves, ZooKeeper $serverVersion, fsync on, fastest of $Repeat round(s)"
$table | Format-Table -AutoSize | Out-String -Width 200 | Write-Host
if ($moduleCosts) {
    Write-Host ('Import-Module ZooKeeperPS in a warm pwsh: {0:N0} ms (median of {1})' -f $moduleCosts.importMilliseconds, $moduleCosts.samples)
    Write-Host ('Connect-ZooKeeper + Disconnect-ZooKeeper: first {0:N1} ms, then {1:N1} ms' -f $moduleCosts.firstConnectMilliseconds, $moduleCosts.connectMilliseconds)
}
if ($streaming) {
    Write-Host ('pwsh working set while Get-ZkChildItem -Recurse streamed {0:N0} nodes: {1:N0} MiB before, peak {2:N0} MiB ({3});' -f
        $streaming.nodes, ($streaming.baselineBytes / 1MB), ($streaming.peakBytes / 1MB), $streaming.peakMethod)
    Write-Host ('  managed heap after garbage collection: {0:N1} MiB before, peak {1:N1} MiB' -f
        ($streaming.managedHeapBaselineBytes / 1MB), ($streaming.managedHeapPeakBytes / 1MB))
}

# Issue 6's goals, judged on this run's figures (reported, never asserted: speed depends on the machine).
function Get-Ratio([string] $Contender, [string] $Workload, [string] $Baseline) {
    if ($figures.Contains($Contender) -and $figures.Contains($Baseline)) {
        $figures[$Contender][$Workload].opsPerSecond / $figures[$Baseline][$Workload].opsPerSecond
    }
}
$goals = [Collections.Generic.List[object]]::new()
function Add-Goal([string] $Goal, $Actual, [double] $Target, [string] $Unit = 'x') {
    if ($null -eq $Actual) { return }
    $met = if ($Unit -eq 'ms') { $Actual -lt $Target } else { $Actual -ge $Target }
    $goals.Add([ordered]@{ goal = $Goal; actual = [Math]::Round($Actual, 2); target = $Target; unit = $Unit; met = $met })
}
foreach ($workload in $workloadNames.Keys) {
    Add-Goal "cmdlets $workload >= 5x kazoo blocking" (Get-Ratio 'cmdlets' $workload 'kazoo blocking') 5
    Add-Goal "cmdlets $workload >= kazoo async" (Get-Ratio 'cmdlets' $workload 'kazoo async') 1
    Add-Goal "C# client $workload >= kazoo async" (Get-Ratio 'C# client' $workload 'kazoo async') 1
}
Add-Goal 'Remove-ZkNode -Recurse (cmdlets W5) >= 2x kazoo async' (Get-Ratio 'cmdlets' 'W5' 'kazoo async') 2
if ($moduleCosts) { Add-Goal 'Import-Module in a warm pwsh < 200 ms' $moduleCosts.importMilliseconds 200 'ms' }
if ($goals.Count -gt 0) {
    Write-Host ''
    Write-Host "Issue 6's goals on this run:"
    foreach ($goal in $goals) {
        Write-Host ('  {0,-8} {1,-52} {2,8:N2} {3}' -f ($goal.met ? 'met' : 'NOT MET'), $goal.goal, $goal.actual, $goal.unit)
    }
}

$report = [ordered]@{
    n            = $N
    rounds       = $Repeat
    date         = [DateTime]::UtcNow.ToString('o')
    server       = $serverVersion
    processors   = [Environment]::ProcessorCount
    contenders   = $figures
    moduleCosts  = $moduleCosts
    streaming    = $streaming
    goals        = $goals
}
$null = New-Item -ItemType Directory -Force $outputDirectory
$resultsPath = Join-Path $outputDirectory 'results.json'
$report | ConvertTo-Json -Depth 6 | Set-Content -Encoding utf8 $resultsPath
Write-Host "Figures written to $resultsPath"
