<#
.SYNOPSIS
    The cmdlet contender of bench/Invoke-Benchmark.ps1: W1-W5 written the way a user writes them.

.DESCRIPTION
    Runs in its own pwsh, which imports the built module. Each workload is timed alone; afterwards its output is
    checked here (count, order, paths, data, stats) and the server's state is checked by the C# checker
    (ZooKeeperPS.Bench check), a second opinion that does not go through the cmdlets. Any wrong result throws.
    Runs W1-W5 twice in the same process: the first run is what a script started with `pwsh -File` sees (it pays
    for compiling the module's and PowerShell's code paths once), the second is the steady state.
    Prints {"fresh": {"W1": {"ops": .., "seconds": ..}, ...}, "warm": {...}} as JSON on its last line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString,
    [Parameter(Mandatory)] [int] $N,
    [Parameter(Mandatory)] [string] $CheckerPath
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

function Assert-True([bool] $Condition, [string] $Message) {
    if (-not $Condition) { throw "cmdlets: WRONG RESULT: $Message" }
}

function Assert-ServerTree([string] $State) {
    & dotnet $CheckerPath check $ConnectionString $N $State | Out-Host
    Assert-True ($LASTEXITCODE -eq 0) "the server's tree is not '$State' (the checker says why above)"
}

function Test-SameBytes([byte[]] $Actual, [byte[]] $Expected) {
    [System.Linq.Enumerable]::SequenceEqual($Actual, $Expected)
}

# The same tree and values as the other contenders (bench/ZooKeeperPS.Bench/BenchTree.cs, bench/kazoo_bench.py).
$leavesPerFolder = $N / 100
$folders = foreach ($i in 0..99) { '/bench/d{0:D3}' -f $i }
$leaves = foreach ($folder in $folders) { foreach ($j in 0..($leavesPerFolder - 1)) { '{0}/n{1:D5}' -f $folder, $j } }
$createdBytes = [Text.Encoding]::ASCII.GetBytes('c' * 64)
$updatedBytes = [Text.Encoding]::ASCII.GetBytes('u' * 64)
$clock = [Diagnostics.Stopwatch]::new()

function Invoke-Workloads {
    $results = [ordered]@{}
    Assert-True ($null -eq (Get-ZkNode /bench -ErrorAction Ignore)) '/bench exists before the benchmark; it needs an empty server'

    # W1: /bench and the folders, then every leaf.
    $clock.Restart()
    $null = New-ZkNode /bench
    $null = $folders | New-ZkNode
    $created = $leaves | New-ZkNode -Value $createdBytes
    $clock.Stop()
    $results.W1 = [ordered]@{ ops = 1 + $folders.Count + $leaves.Count; seconds = $clock.Elapsed.TotalSeconds }
    Assert-True ($created.Count -eq $leaves.Count) "New-ZkNode returned $($created.Count) nodes for $($leaves.Count) paths"
    for ($i = 0; $i -lt $leaves.Count; $i++) {
        Assert-True ($created[$i].Path -ceq $leaves[$i]) "New-ZkNode output $i is $($created[$i].Path), expected $($leaves[$i])"
    }
    Assert-ServerTree created

    # W2: data and stat of every leaf.
    $clock.Restart()
    $nodes = $leaves | Get-ZkNode
    $clock.Stop()
    $results.W2 = [ordered]@{ ops = $leaves.Count; seconds = $clock.Elapsed.TotalSeconds }
    Assert-True ($nodes.Count -eq $leaves.Count) "Get-ZkNode returned $($nodes.Count) nodes for $($leaves.Count) paths"
    for ($i = 0; $i -lt $leaves.Count; $i++) {
        $node = $nodes[$i]
        Assert-True ($node.Path -ceq $leaves[$i]) "Get-ZkNode output $i is $($node.Path), expected $($leaves[$i])"
        Assert-True (Test-SameBytes $node.Data $createdBytes) "Get-ZkNode $($node.Path) returned the wrong data"
        Assert-True ($node.DataLength -eq 64) "Get-ZkNode $($node.Path) says $($node.DataLength) bytes"
    }

    # W3: the whole tree with the stat of every node.
    $clock.Restart()
    $listed = Get-ZkChildItem /bench -Recurse
    $clock.Stop()
    $results.W3 = [ordered]@{ ops = $folders.Count + $leaves.Count; seconds = $clock.Elapsed.TotalSeconds }
    $expected = [Collections.Generic.HashSet[string]]::new([string[]] ($folders + $leaves), [StringComparer]::Ordinal)
    $seen = [Collections.Generic.HashSet[string]]::new([StringComparer]::Ordinal)
    foreach ($node in $listed) {
        Assert-True ($expected.Contains($node.Path) -and $seen.Add($node.Path)) "Get-ZkChildItem listed $($node.Path) unexpectedly or twice"
        if ($node.Path -match '^/bench/d\d{3}$') {
            Assert-True ($node.ChildCount -eq $leavesPerFolder) "Get-ZkChildItem says $($node.Path) has $($node.ChildCount) children"
        }
        else {
            Assert-True ($node.DataLength -eq 64) "Get-ZkChildItem says $($node.Path) holds $($node.DataLength) bytes"
        }
    }
    Assert-True ($seen.Count -eq $expected.Count) "Get-ZkChildItem listed $($seen.Count) nodes, expected $($expected.Count)"

    # W4: new data for every leaf.
    $clock.Restart()
    $leaves | Set-ZkNode -Value $updatedBytes
    $clock.Stop()
    $results.W4 = [ordered]@{ ops = $leaves.Count; seconds = $clock.Elapsed.TotalSeconds }
    Assert-ServerTree updated

    # W5: the whole tree.
    $clock.Restart()
    Remove-ZkNode /bench -Recurse
    $clock.Stop()
    $results.W5 = [ordered]@{ ops = 1 + $folders.Count + $leaves.Count; seconds = $clock.Elapsed.TotalSeconds }
    Assert-ServerTree absent

    $results
}

Import-Module $ModulePath
$null = Connect-ZooKeeper $ConnectionString
$fresh = Invoke-Workloads
$warm = Invoke-Workloads
Disconnect-ZooKeeper
[ordered]@{ fresh = $fresh; warm = $warm } | ConvertTo-Json -Compress -Depth 4
