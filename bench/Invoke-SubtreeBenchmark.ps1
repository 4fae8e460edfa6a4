<#
.SYNOPSIS
    Benchmarks Export-ZkTree, Import-ZkTree and Copy-ZkTree against a pipelined per-node copy with kazoo.

.DESCRIPTION
    Starts two standalone ZooKeeper servers through the test harness (a source and a destination), seeds the source
    with /bench-tree: N/100 folders of 100 leaves of 64 bytes (kazoo, pipelined). Then, each in a fresh process on
    the same servers in the same run:
        Export-ZkTree   the source tree to a tree file
        Import-ZkTree   that file into the destination server (/imported)
        Copy-ZkTree     the source tree straight into the destination server (/copied, -DestinationSession)
        kazoo copy      the reference: kazoo walking the source level by level with get, get_acls and get_children
                        async (all of a level in flight) and creating each node with its data and ACL at the
                        destination with create_async, 1,000 in flight (/kazoo-copied; bench/kazoo_tree_copy.py)
    Every copy is then checked with Compare-ZkTree -IncludeAcl against the source (no difference allowed; the
    comparison's own rate is reported too). Prints nodes/s and the peak working set of each process (the kernel's
    peak-RSS mark, reset after import and connect) and writes them to out/bench/subtrees.json.

.PARAMETER N
    Leaves in the tree, a multiple of 100: 10,000 by default; 100,000 for the figure the issue asks for.

.PARAMETER NoBuild
    Use the module that out/ZooKeeperPS already holds (and the harness in out/TestHarness).

.EXAMPLE
    dotnet pwsh ./bench/Invoke-SubtreeBenchmark.ps1 -N 100000
#>
[CmdletBinding()]
param(
    [ValidateScript({ $_ -ge 100 -and $_ % 100 -eq 0 }, ErrorMessage = 'N must be a positive multiple of 100.')]
    [int] $N = 10000,

    [switch] $NoBuild
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$repositoryRoot = Split-Path -Parent $PSScriptRoot
$outputDirectory = Join-Path $repositoryRoot 'out/bench'
if (-not $NoBuild) {
    & (Join-Path $repositoryRoot 'build.ps1') Build
}
$modulePath = Join-Path $repositoryRoot 'out/ZooKeeperPS/ZooKeeperPS.psd1'
Add-Type -Path (Join-Path $repositoryRoot 'out/TestHarness/ZooKeeperPS.TestHarness.dll')
Import-Module $modulePath
$null = New-Item $outputDirectory -ItemType Directory -Force
$kazooScript = Join-Path $PSScriptRoot 'kazoo_tree_copy.py'
$treeFile = Join-Path $outputDirectory 'bench-tree.zktree'
. (Join-Path $PSScriptRoot 'ChildProcesses.ps1')

$source = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone()
$destination = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone()
try {
    Write-Host "Seeding /bench-tree with $N leaves..."
    & /usr/bin/python3 $kazooScript seed $source.ConnectionString /bench-tree $N
    if ($LASTEXITCODE -ne 0) { throw 'Seeding failed.' }
    $nodes = 1 + $N / 100 + $N

    $work = [ordered]@{}
    foreach ($step in @(
            @{ Name = 'Export-ZkTree'; Work = 'Export'; Root = '/unused' }
            @{ Name = 'Import-ZkTree'; Work = 'Import'; Root = '/imported' }
            @{ Name = 'Copy-ZkTree'; Work = 'Copy'; Root = '/copied' })) {
        Write-Host "Running $($step.Name)..."
        $work[$step.Name] = Invoke-Pwsh $step.Name 'SubtreeWork.ps1' @('-Work', $step.Work, '-ModulePath', $modulePath,
            '-Source', $source.ConnectionString, '-Destination', $destination.ConnectionString,
            '-File', $treeFile, '-SourceRoot', '/bench-tree', '-DestinationRoot', $step.Root)
    }
    Write-Host 'Running kazoo copy...'
    $work['kazoo copy'] = Invoke-ChildProcess 'kazoo copy' @('/usr/bin/python3', $kazooScript, 'copy', $source.ConnectionString, '/bench-tree', $destination.ConnectionString, '/kazoo-copied')

    $from = Connect-ZooKeeper $source.ConnectionString
    $to = Connect-ZooKeeper $destination.ConnectionString
    foreach ($copy in '/imported', '/copied', '/kazoo-copied') {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $differences = @(Compare-ZkTree /bench-tree $copy -ReferenceSession $from -DifferenceSession $to -IncludeAcl)
        if ($differences.Count -gt 0) { throw "WRONG RESULT: $copy differs from the source: $($differences | Select-Object -First 5)" }
        $work["Compare-ZkTree $copy"] = [pscustomobject]@{ nodes = $nodes; seconds = $clock.Elapsed.TotalSeconds; peakBytes = $null }
    }
    Get-ZkSession | Disconnect-ZooKeeper

    foreach ($name in @($work.Keys)) {
        if ($work[$name].nodes -ne $nodes) { throw "WRONG RESULT: $name handled $($work[$name].nodes) nodes, expected $nodes" }
    }
    $rows = foreach ($name in $work.Keys) {
        $item = $work[$name]
        [pscustomobject]@{
            Work          = $name
            Nodes         = $item.nodes
            Seconds       = [Math]::Round($item.seconds, 2)
            'Nodes/s'     = [long][Math]::Round($item.nodes / $item.seconds)
            'vs kazoo'    = [Math]::Round(($item.nodes / $item.seconds) / ($work['kazoo copy'].nodes / $work['kazoo copy'].seconds), 2)
            'Peak WS (MB)' = if ($item.peakBytes) { [long][Math]::Round($item.peakBytes / 1MB) } else { $null }
        }
    }
    $rows | Format-Table -AutoSize | Out-Host
    [ordered]@{ n = $N; nodes = $nodes; processors = [Environment]::ProcessorCount; results = $rows } |
        ConvertTo-Json -Depth 4 | Set-Content (Join-Path $outputDirectory 'subtrees.json')
    Write-Host "Figures written to $(Join-Path $outputDirectory 'subtrees.json')"
}
finally {
    $source.Dispose()
    $destination.Dispose()
}
