<#
.SYNOPSIS
    What a script pays once, measured in a fresh pwsh for bench/Invoke-Benchmark.ps1.

.DESCRIPTION
    The shell first runs ordinary commands (so PowerShell itself is loaded and warm, as in a session that has been
    in use), then the first Import-Module of ZooKeeperPS in this process is timed: that is what a user pays in a
    warm shell. Re-importing in the same process would hit assemblies that are already loaded and so would measure
    too little. Then Connect-ZooKeeper + Disconnect-ZooKeeper: the first pair (which includes loading and compiling
    the client) and the median of ten more. Prints one JSON line.
#>
param(
    [Parameter(Mandatory)] [string] $ModulePath,
    [Parameter(Mandatory)] [string] $ConnectionString
)

$ErrorActionPreference = 'Stop'

# Warm the shell: load the usual modules and exercise the pipeline, formatting and Measure-Command itself.
$null = Measure-Command { Get-ChildItem $PSHOME | Where-Object Length -gt 0 | Sort-Object Name | Format-Table | Out-String }
$null = Measure-Command { Get-Date | ConvertTo-Json | ConvertFrom-Json }

$import = Measure-Command { Import-Module $ModulePath }
$firstConnect = Measure-Command { $null = Connect-ZooKeeper $ConnectionString; Disconnect-ZooKeeper }
$connects = foreach ($i in 1..10) {
    (Measure-Command { $null = Connect-ZooKeeper $ConnectionString; Disconnect-ZooKeeper }).TotalMilliseconds
}

[ordered]@{
    importMilliseconds       = $import.TotalMilliseconds
    firstConnectMilliseconds = $firstConnect.TotalMilliseconds
    connectMilliseconds      = ($connects | Sort-Object)[4]
} | ConvertTo-Json -Compress
