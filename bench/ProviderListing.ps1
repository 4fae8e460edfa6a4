<#
.SYNOPSIS
    Seconds for recursive listings of the benchmark tree: the cmdlets against the zk: drive, in one pwsh.

.DESCRIPTION
    For bench/Invoke-ProviderBenchmark.ps1, which seeds /bench first (N leaves in /bench/d000../bench/d099). Imports
    the module, connects with a zk: drive, lists /bench/d000 once with every variant (not timed: the first run
    compiles the code paths), then times each variant $Repeat times through Measure-Object (nothing kept) and reports
    its fastest round: on a shared machine the fastest is the least disturbed. Every run must count 100 + N nodes.
    Prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString,
    [Parameter(Mandatory)] [int] $N,
    [int] $Repeat = 3
)

$ErrorActionPreference = 'Stop'

Import-Module $ModulePath
$null = Connect-ZooKeeper $ConnectionString -DriveName zk
$variants = [ordered]@{
    'Get-ZkChildItem -Recurse'       = { param($Path) Get-ZkChildItem $Path -Recurse }
    'Get-ZkChildItem -Recurse -Name' = { param($Path) Get-ZkChildItem $Path -Recurse -Name }
    'Get-ChildItem -Recurse'         = { param($Path) Get-ChildItem "zk:$Path" -Recurse }
    'Get-ChildItem -Recurse -Name'   = { param($Path) Get-ChildItem "zk:$Path" -Recurse -Name }
}
foreach ($variant in $variants.Values) {
    $null = & $variant /bench/d000
}

$expected = 100 + $N
$seconds = [ordered]@{}
foreach ($round in 1..$Repeat) {
    foreach ($name in $variants.Keys) {
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $count = (& $variants[$name] /bench | Measure-Object).Count
        $elapsed = $clock.Elapsed.TotalSeconds
        if ($count -ne $expected) { throw "$($name): WRONG RESULT: $count nodes, expected $expected" }
        if (-not $seconds.Contains($name) -or $elapsed -lt $seconds[$name]) { $seconds[$name] = $elapsed }
    }
}
Disconnect-ZooKeeper
[ordered]@{ nodes = $expected; rounds = $Repeat; seconds = $seconds } | ConvertTo-Json -Compress
