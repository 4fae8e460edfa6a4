#Requires -Version 5.1
<#
.SYNOPSIS
The kazoo tutorial, step by step, with ZooKeeperPS cmdlets.

.DESCRIPTION
Walks through what kazoo's tutorial does in Python (connect, create a path with its parents, list children,
delete recursively, set and get data with its stat, watch a node, clean up) and shows what each cmdlet returns.
It deletes every node of the server except /zookeeper at the end: point it at a throwaway server
(build.ps1 Demo starts one).

.EXAMPLE
./demo/Tour.ps1 -ConnectionString 127.0.0.1:2181
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)]
    [string] $ConnectionString
)

$ErrorActionPreference = 'Stop'
if (-not (Get-Command Connect-ZooKeeper -ErrorAction Ignore)) {
    Import-Module (Join-Path $PSScriptRoot '../out/ZooKeeperPS/ZooKeeperPS.psd1')
}

function Show-Step([string] $Title, [string] $Command) {
    # Everything goes through the output stream (Out-Host), so the tour reads top to bottom in order.
    "" | Out-Host
    "== $Title" | Out-Host
    "PS> $Command" | Out-Host
}

Show-Step 'Connect (kazoo: zk = KazooClient(hosts=...); zk.start())' "Connect-ZooKeeper $ConnectionString"
$session = Connect-ZooKeeper $ConnectionString
$session | Format-Table | Out-Host

Show-Step 'Create a node and its parents (kazoo: zk.ensure_path / create(..., makepath=True))' `
    "New-ZkNode /abc/JQK/XYZ/0001 -Value 'this is my house' -MakePath"
New-ZkNode /abc/JQK/XYZ/0001 -Value 'this is my house' -MakePath | Format-Table | Out-Host

Show-Step 'List the children of / (kazoo: zk.get_children("/"))' 'Get-ZkChildItem / -Name'
Get-ZkChildItem / -Name | Out-Host

Show-Step 'The whole tree under /abc' 'Get-ZkChildItem /abc -Recurse'
Get-ZkChildItem /abc -Recurse | Format-Table | Out-Host

Show-Step 'A node with children is only deleted with -Recurse' 'Remove-ZkNode /abc'
try {
    Remove-ZkNode /abc
}
catch {
    "$($_.FullyQualifiedErrorId): $_" | Out-Host
}

Show-Step 'Delete a subtree (kazoo: zk.delete("/abc", recursive=True))' 'Remove-ZkNode /abc -Recurse'
Remove-ZkNode /abc -Recurse
Get-ZkChildItem / -Name | Out-Host

Show-Step 'Create it again' "New-ZkNode /abc/JQK/XYZ/0001 -Value 'this is my house' -MakePath"
New-ZkNode /abc/JQK/XYZ/0001 -Value 'this is my house' -MakePath | Format-Table | Out-Host

Show-Step 'Watch the node; events go to the PowerShell event queue (kazoo: @zk.DataWatch)' `
    'Register-ZkWatch /abc/JQK/XYZ/0001 -SourceIdentifier house'
Register-ZkWatch /abc/JQK/XYZ/0001 -SourceIdentifier house

Show-Step 'Change the data (kazoo: zk.set(path, b"this is my horse!"))' "Set-ZkNode /abc/JQK/XYZ/0001 'this is my horse!'"
Set-ZkNode /abc/JQK/XYZ/0001 'this is my horse!'

Show-Step 'The watch event' 'Wait-Event -SourceIdentifier house -Timeout 5'
$event = Wait-Event -SourceIdentifier house -Timeout 5
if (-not $event) { throw 'No watch event arrived within 5 seconds.' }
$event.SourceEventArgs | Format-Table | Out-Host
$event | Remove-Event
Unregister-Event -SourceIdentifier house

Show-Step 'Read value and stat (kazoo: data, stat = zk.get(path))' 'Get-ZkNode /abc/JQK/XYZ/0001'
$node = Get-ZkNode /abc/JQK/XYZ/0001
$node | Format-Table | Out-Host
"Value: $($node.Value)" | Out-Host
"Version: $($node.Version)" | Out-Host
'Stat:' | Out-Host
$node.Stat | Format-List | Out-Host

Show-Step 'Two more top-level nodes, from a CSV file' 'Import-Csv settings.csv | New-ZkNode'
$csv = Join-Path ([IO.Path]::GetTempPath()) "zkps-tour-$PID.csv"
@(
    [pscustomobject]@{ Path = '/app'; Value = 'my application' }
    [pscustomobject]@{ Path = '/locks'; Value = '' }
) | Export-Csv $csv -NoTypeInformation
Import-Csv $csv | New-ZkNode | Format-Table | Out-Host
Remove-Item $csv

Show-Step 'What Clear-ZooKeeper would delete' 'Clear-ZooKeeper -WhatIf'
Clear-ZooKeeper -WhatIf

Show-Step 'Delete everything but /zookeeper' 'Clear-ZooKeeper -Force'
Clear-ZooKeeper -Force
Get-ZkChildItem / -Name | Out-Host

Show-Step 'Disconnect (kazoo: zk.stop())' 'Disconnect-ZooKeeper'
Disconnect-ZooKeeper
"Session $($session.Id) is $($session.State)." | Out-Host
