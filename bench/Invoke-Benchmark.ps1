<#
.SYNOPSIS
    Benchmarks ZooKeeperPS against the official Java client and kazoo on one fresh ZooKeeper server.

.DESCRIPTION
    Builds the module and the C# contender, compiles the Java contender, starts one standalone ZooKeeper through the
    test harness (default configuration, fsync on), and runs the workloads W1-W5 on /bench/d000../bench/d099 (N/100
    leaves of 64 bytes each) with every contender, one after the other on that server:
        Java async      Apache ZooKeeper's own Java client (bench/java, Debian's jars), its asynchronous API with
                        1,000 requests in flight (a Semaphore), one request per node, after an untimed warm-up run on
                        a small tree; W5 finds the nodes level by level and deletes them deepest first, one each.
                        The baseline of the ratios.
        Java blocking   the same client's blocking calls in a loop; W5 is ZKUtil.deleteRecursive (zkCli's deleteall)
        kazoo blocking  kazoo's plain blocking calls in a loop (bench/kazoo_bench.py)
        kazoo async     kazoo's *_async calls with 1,000 requests in flight
        C# client       ZooKeeperPS.Client used directly (bench/ZooKeeperPS.Bench) the way Java async uses its
                        client: one request per node, 1,000 in flight, W5 level by level and one delete each, after
                        an untimed warm-up run on a small tree
        C# batched      the same with 1,000 operations per request (multi for writes, multiRead for reads),
                        pipelined: what the server can take
        cmdlets         the module the way a user writes it, in a child pwsh that imports the built module; it runs
                        W1-W5 twice: "cmdlets 1st run" includes compiling the code paths once (what a script
                        started with pwsh -File pays), "cmdlets" is the second run, the steady state
    Every contender checks counts and data after each workload and a wrong result fails the run. Then it measures
    what a script pays once (module import in a warm pwsh, connect plus disconnect), the lock workload (acquire +
    release per second with kazoo's Lock and Invoke-ZkLock, one and four contenders: bench/LockBenchmark.ps1) and the peak working set of a
    pwsh streaming Get-ZkChildItem -Recurse over the whole tree. Prints a table of ops/s with every contender's
    ratio to the Java async client, a table of ratios to kazoo's blocking loop, and writes every figure to
    out/bench/results.json.

    What it needs, it installs like build.ps1 does, on Debian or Ubuntu as root (bench/Prerequisites.ps1): the
    'zookeeper' package when the harness finds no ZooKeeper (it also holds the Java client's jars), 'python3-kazoo'
    when /usr/bin/python3 cannot import kazoo, and 'openjdk-17-jdk-headless' when there is no javac (JAVA_HOME's or
    on PATH). Elsewhere a missing kazoo or Java skips those contenders with a warning. The Java contender is compiled
    on every run (a few seconds), -NoBuild or not, with that javac into out/bench/java against Debian's
    /usr/share/java/zookeeper.jar, zookeeper-jute.jar and slf4j-api.jar, and run by the java beside that javac with
    slf4j-nop.jar added, which discards the client's log.

.PARAMETER N
    Leaves in the tree, a multiple of 100: 10,000 by default, 100,000 for the memory figure that matters.

.PARAMETER ImportSamples
    Fresh pwsh processes in which the first Import-Module is timed; the median is reported.

.PARAMETER Repeat
    Rounds of every contender (in turn, on the same server); each workload reports its fastest round. More than
    one evens out disturbance from other work on the machine. At N = 10,000 a workload done one request per node
    lasts about a second, and on a shared 2-core machine its ratio to Java async has swung by 2x between two runs
    of the same code; N = 100,000 or -Repeat 3 give steadier ratios.

.PARAMETER Contender
    Runs only these contenders (names as in the list above, also as one comma-separated string; 'cmdlets' gives
    both cmdlet columns) and skips the lock workload, the import and connect costs and the memory figure: a quicker
    run for comparing a few contenders, e.g. -Contender 'Java async', 'C# client' for the client's ratio to Java.
    The server and its warm-up are the same as in a full run. Without it every contender runs.

.PARAMETER NoBuild
    Use the module and the C# contender that out/ already holds instead of building them.

.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1

.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -N 100000 -Repeat 3

.EXAMPLE
    dotnet pwsh ./bench/Invoke-Benchmark.ps1 -N 100000 -Repeat 3 -Contender 'Java async', 'C# client'
#>
[CmdletBinding()]
param(
    [ValidateScript({ $_ -ge 100 -and $_ % 100 -eq 0 }, ErrorMessage = 'N must be a positive multiple of 100.')]
    [int] $N = 10000,

    [ValidateRange(1, 50)]
    [int] $ImportSamples = 5,

    [ValidateRange(1, 20)]
    [int] $Repeat = 1,

    [string[]] $Contender,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

# Under pwsh -File a list arrives as one string: 'Java async,C# client'.
$Contender = @($Contender | ForEach-Object { $_ -split ',' } | ForEach-Object { $_.Trim() } | Where-Object { $_ })
$knownContenders = 'Java async', 'Java blocking', 'kazoo blocking', 'kazoo async', 'C# client', 'C# batched', 'cmdlets'
foreach ($name in $Contender) {
    if ($name -notin $knownContenders) { throw "Unknown contender '$name'; the contenders are: $($knownContenders -join ', ')." }
}

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

. (Join-Path $PSScriptRoot 'ChildProcesses.ps1')   # $pwshCommand, Invoke-ChildProcess, Invoke-Pwsh

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

# ---- what the other contenders need ------------------------------------------------------------------------------
. (Join-Path $PSScriptRoot 'Prerequisites.ps1')
Assert-ZooKeeperServer
$kazooPresent = Initialize-Kazoo
if (-not $kazooPresent) {
    Write-Warning 'kazoo is not importable by /usr/bin/python3 (Debian: python3-kazoo): its contenders are skipped.'
}
Write-Host 'Compiling the Java contender (bench/java)...'
$javaCommand = Build-JavaContender (Join-Path $PSScriptRoot 'java') (Join-Path $outputDirectory 'java')
$javaClient = if ($javaCommand) {
    [ordered]@{ zookeeperClient = Get-JavaClientVersion; runtime = "$(& $javaCommand[0] -version 2>&1 | Select-Object -First 1)" }
}

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
    if ($javaCommand) {
        $runners['Java async'] = { @{ 'Java async' = Invoke-ChildProcess 'Java async' ($javaCommand + @($connection, $N, 'async')) } }
        $runners['Java blocking'] = { @{ 'Java blocking' = Invoke-ChildProcess 'Java blocking' ($javaCommand + @($connection, $N, 'blocking')) } }
    }
    if ($kazooPresent) {
        $kazooScript = Join-Path $PSScriptRoot 'kazoo_bench.py'
        $runners['kazoo blocking'] = { @{ 'kazoo blocking' = Invoke-ChildProcess 'kazoo blocking' @('/usr/bin/python3', $kazooScript, $connection, $N, 'blocking') } }
        $runners['kazoo async'] = { @{ 'kazoo async' = Invoke-ChildProcess 'kazoo async' @('/usr/bin/python3', $kazooScript, $connection, $N, 'async') } }
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

    if ($Contender) {
        foreach ($name in $Contender) {
            if (-not $runners.Contains($name)) { Write-Warning "The contender '$name' cannot run here (see the warnings above): skipped." }
        }
        foreach ($name in @($runners.Keys)) {
            if ($name -notin $Contender) { $runners.Remove($name) }
        }
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

    . (Join-Path $PSScriptRoot 'LockBenchmark.ps1')
    $locks = @()
    if (-not $Contender) {
        Write-Host 'Lock workload: kazoo''s Lock and Invoke-ZkLock, 1 and 4 contenders...'
        $locks = @(Invoke-LockBenchmark $connection $pwshCommand $modulePath $kazooPresent $Repeat)
    }

    $moduleCosts = $null
    $streaming = $null
    if ((Test-Path $modulePath) -and -not $Contender) {
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
. (Join-Path $PSScriptRoot 'BenchmarkReport.ps1')
$figures = ConvertTo-Figures $contenders $workloadNames
$goals = Get-Goals $figures $workloadNames $moduleCosts
Write-Report $figures $workloadNames "N = $N leaves, ZooKeeper $serverVersion, fsync on, fastest of $Repeat round(s)" $moduleCosts $streaming $goals
if ($locks.Count -gt 0) { Write-LockReport $locks }

$report = [ordered]@{
    n            = $N
    rounds       = $Repeat
    date         = [DateTime]::UtcNow.ToString('o')
    server       = $serverVersion
    processors   = [Environment]::ProcessorCount
    javaClient   = $javaClient
    contenders   = $figures
    moduleCosts  = $moduleCosts
    streaming    = $streaming
    locks        = $locks
    goals        = $goals
}
$null = New-Item -ItemType Directory -Force $outputDirectory
$resultsPath = Join-Path $outputDirectory 'results.json'
$report | ConvertTo-Json -Depth 6 | Set-Content -Encoding utf8 $resultsPath
Write-Host "Figures written to $resultsPath"
