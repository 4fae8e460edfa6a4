<#
.SYNOPSIS
    Measures the zk: drive against the cmdlets: recursive listings (seconds) and the memory of a streaming listing.

.DESCRIPTION
    Starts one standalone ZooKeeper through the test harness and, for each N, seeds the benchmark tree /bench (N/100
    leaves of 64 bytes in each of /bench/d000../bench/d099, with bench/ZooKeeperPS.Bench), then in fresh pwsh
    processes:
        bench/ProviderListing.ps1   Get-ZkChildItem -Recurse, the same with -Name, Get-ChildItem zk:/bench -Recurse
                                    and the same with -Name: the fastest of -Repeat rounds of each
        bench/StreamingMemory.ps1   peak working set and managed heap while Get-ZkChildItem -Recurse,
                                    Get-ChildItem zk:/bench -Recurse and Get-ChildItem zk:/bench -Recurse -Name stream
                                    the tree into Measure-Object-like counting (each in its own process)
    and removes the tree. Prints a table of seconds and one of memory, and writes them to out/bench/provider.json.
    Memory is flat when the peaks do not grow with N. Figures, not a test: nothing here passes or fails on time.

.PARAMETER N
    Leaves in the tree, each a multiple of 100.

.EXAMPLE
    dotnet pwsh ./bench/Invoke-ProviderBenchmark.ps1 -N 10000, 20000, 100000
#>
[CmdletBinding()]
param(
    [ValidateScript({ $_ -ge 100 -and $_ % 100 -eq 0 }, ErrorMessage = 'Each N must be a positive multiple of 100.')]
    [int[]] $N = @(10000, 20000, 100000),

    [ValidateRange(1, 20)]
    [int] $Repeat = 3,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repositoryRoot = Split-Path -Parent $PSScriptRoot
$outputDirectory = Join-Path $repositoryRoot 'out/bench'
$benchBinaries = Join-Path $outputDirectory 'bin'
$benchDll = Join-Path $benchBinaries 'ZooKeeperPS.Bench.dll'
$modulePath = Join-Path $repositoryRoot 'out/ZooKeeperPS/ZooKeeperPS.psd1'
if (-not $NoBuild) {
    & (Join-Path $repositoryRoot 'build.ps1') Build
    dotnet build (Join-Path $PSScriptRoot 'ZooKeeperPS.Bench') -c Release -o $benchBinaries --nologo -v quiet | Out-Host
    if ($LASTEXITCODE -ne 0) { throw 'Building bench/ZooKeeperPS.Bench failed.' }
}
Add-Type -Path (Join-Path $benchBinaries 'ZooKeeperPS.TestHarness.dll')

. (Join-Path $PSScriptRoot 'ChildProcesses.ps1')   # Invoke-ChildProcess, Invoke-Pwsh

$server = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone()
$listings = [Collections.Generic.List[object]]::new()
$memory = [Collections.Generic.List[object]]::new()
try {
    $connection = $server.ConnectionString
    foreach ($leaves in $N) {
        Write-Host "N = $($leaves): seeding /bench..."
        $null = Invoke-ChildProcess 'seed' @('dotnet', $benchDll, 'seed', $connection, $leaves)
        Write-Host "N = $($leaves): listings ($Repeat rounds)..."
        $listed = Invoke-Pwsh 'listings' 'ProviderListing.ps1' @('-ModulePath', $modulePath, '-ConnectionString', $connection, '-N', $leaves, '-Repeat', $Repeat)
        $row = [ordered]@{ N = $leaves; Nodes = $listed.nodes }
        foreach ($variant in $listed.seconds.GetEnumerator()) { $row[$variant.Key] = [Math]::Round($variant.Value, 2) }
        $listings.Add([pscustomobject]$row)
        foreach ($lister in 'Cmdlets', 'Provider', 'ProviderNames') {
            Write-Host "N = $($leaves): memory while streaming ($lister)..."
            $streamed = Invoke-Pwsh 'streaming memory' 'StreamingMemory.ps1' @('-ModulePath', $modulePath, '-ConnectionString', $connection, '-N', $leaves, '-Lister', $lister)
            $memory.Add([pscustomobject][ordered]@{
                    N                  = $leaves
                    Lister             = @{ Cmdlets = 'Get-ZkChildItem -Recurse'; Provider = 'Get-ChildItem zk: -Recurse'; ProviderNames = 'Get-ChildItem zk: -Recurse -Name' }[$lister]
                    'Baseline WS (MB)' = [Math]::Round($streamed.baselineBytes / 1MB)
                    'Peak WS (MB)'     = [Math]::Round($streamed.peakBytes / 1MB)
                    'Heap base (MB)'   = [Math]::Round($streamed.managedHeapBaselineBytes / 1MB, 1)
                    'Heap peak (MB)'   = [Math]::Round($streamed.managedHeapPeakBytes / 1MB, 1)
                })
        }
        $null = Invoke-ChildProcess 'remove' @('dotnet', $benchDll, 'remove', $connection, $leaves)
    }
}
finally {
    $server.Dispose()
}

Write-Host 'Seconds (fastest round) for each recursive listing of /bench:'
$listings | Format-Table -AutoSize | Out-Host
Write-Host 'Memory while a listing streams /bench:'
$memory | Format-Table -AutoSize | Out-Host
$null = New-Item -ItemType Directory -Force $outputDirectory
$resultsPath = Join-Path $outputDirectory 'provider.json'
[ordered]@{ date = [DateTime]::UtcNow.ToString('o'); processors = [Environment]::ProcessorCount; repeat = $Repeat; listings = $listings; memory = $memory } |
    ConvertTo-Json -Depth 4 | Set-Content -Encoding utf8 $resultsPath
Write-Host "Figures written to $resultsPath"
