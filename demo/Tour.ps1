#Requires -Version 5.1
<#
.SYNOPSIS
The kazoo tutorial, step by step, with ZooKeeperPS cmdlets; then what an operator does beyond it.

.DESCRIPTION
Walks through what kazoo's tutorial does in Python (connect, create a path with its parents, list children,
delete recursively, set and get data with its stat, watch a node, clean up) and shows what each cmdlet returns.
Then: a transaction, the zk: drive, a subtree exported, imported and compared, a lock, and the server's health.
Every "PS> " line is the exact command that runs next, and the lines after it are its output.
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

function Show-Step([string] $Title) {
    # Everything goes through Out-Host, so the tour reads top to bottom in order.
    "" | Out-Host
    "== $Title" | Out-Host
}

function Invoke-Shown([string] $Command) {
    # Prints the command as a prompt line, then runs exactly that text. Called dot-sourced, so that the command's
    # variables ($session, $node) stay in the tour's scope for the steps after it.
    "PS> $Command" | Out-Host
    . ([scriptblock]::Create($Command)) | Out-Host
}

Show-Step 'Connect (kazoo: zk = KazooClient(hosts=...); zk.start())'
. Invoke-Shown "`$session = Connect-ZooKeeper $ConnectionString"
. Invoke-Shown '$session'

Show-Step 'Create a node and its parents (kazoo: zk.ensure_path / create(..., makepath=True))'
. Invoke-Shown "New-ZkNode /abc/JQK/XYZ/0001 -Value 'this is my house' -MakePath"

Show-Step 'List the children of / (kazoo: zk.get_children("/"))'
. Invoke-Shown 'Get-ZkChildItem / -Name'

Show-Step 'The whole tree under /abc'
. Invoke-Shown 'Get-ZkChildItem /abc -Recurse'

Show-Step 'A node with children is only deleted with -Recurse; the error says so'
. Invoke-Shown 'try { Remove-ZkNode /abc -ErrorAction Stop } catch { "$($_.FullyQualifiedErrorId): $_" }'

Show-Step 'What a recursive delete would remove'
. Invoke-Shown 'Remove-ZkNode /abc -Recurse -WhatIf'

Show-Step 'Delete a subtree (kazoo: zk.delete("/abc", recursive=True))'
. Invoke-Shown 'Remove-ZkNode /abc -Recurse'
. Invoke-Shown 'Get-ZkChildItem / -Name'

Show-Step 'Create it again'
. Invoke-Shown "New-ZkNode /abc/JQK/XYZ/0001 -Value 'this is my house' -MakePath"

Show-Step 'Watch the node; events go to the PowerShell event queue (kazoo: @zk.DataWatch)'
. Invoke-Shown 'Register-ZkWatch /abc/JQK/XYZ/0001 -SourceIdentifier house'

Show-Step 'Change the data (kazoo: zk.set(path, b"this is my horse!"))'
. Invoke-Shown "Set-ZkNode /abc/JQK/XYZ/0001 'this is my horse!'"

Show-Step 'The watch event'
. Invoke-Shown '$event = Wait-Event -SourceIdentifier house -Timeout 5'
. Invoke-Shown '$event.SourceEventArgs'
. Invoke-Shown '$event | Remove-Event; Unregister-Event -SourceIdentifier house'

Show-Step 'Read value and stat (kazoo: data, stat = zk.get(path))'
. Invoke-Shown '$node = Get-ZkNode /abc/JQK/XYZ/0001'
. Invoke-Shown '$node'
. Invoke-Shown '$node.Value'
. Invoke-Shown '$node.Version'
. Invoke-Shown '$node.Stat'

Show-Step 'Two more top-level nodes, from CSV (Import-Csv settings.csv | New-ZkNode works the same way)'
. Invoke-Shown "'Path,Value', '/app,my application', '/locks,' | ConvertFrom-Csv | New-ZkNode"

Show-Step 'Wildcards: every node at the top whose name has an a'
. Invoke-Shown 'Get-ZkNode /*a*'

Show-Step 'Several changes in one transaction: all of them apply, or none (kazoo: zk.transaction())'
. Invoke-Shown "Invoke-ZkTransaction { New-ZkNode /app/config -Value 'port=8080'; Set-ZkNode /app 'my application, v2' }"

Show-Step 'The zk: drive: the item cmdlets on znodes (Get-Help about_ZooKeeperPS_Provider)'
. Invoke-Shown '$null = New-PSDrive -Name zk -PSProvider ZooKeeper -Root / -Session $session'
. Invoke-Shown 'Get-ChildItem zk:/app'
. Invoke-Shown "Set-Content zk:/app/config 'port=9090'"
. Invoke-Shown 'Get-Content zk:/app/config'

Show-Step 'A subtree to a file and back, with data and ACLs; the copy compares equal until it changes'
. Invoke-Shown '$file = Join-Path ([IO.Path]::GetTempPath()) "tour-$PID.zktree"'
. Invoke-Shown 'Export-ZkTree /app -Destination $file'
. Invoke-Shown 'Import-ZkTree $file -Destination /app-copy'
. Invoke-Shown 'Compare-ZkTree /app /app-copy -IncludeAcl'
. Invoke-Shown "Set-ZkNode /app-copy/config 'port=7070'"
. Invoke-Shown 'Compare-ZkTree /app /app-copy | Format-Table Path, Difference, ReferenceValue, DifferenceValue'
. Invoke-Shown 'Remove-Item $file'

Show-Step 'A lock that kazoo''s Lock recipe honours too: the script block runs while this session holds it'
. Invoke-Shown "Invoke-ZkLock /locks/deploy { 'deploying under the lock' }"

Show-Step 'The server: its mode and load, and the health checks'
. Invoke-Shown 'Get-ZkServer | Format-Table Server, Mode, Version, ZnodeCount, Connections, Source'
. Invoke-Shown 'Test-ZkServer | Format-Table Check, Passed, Detail'

Show-Step 'What Clear-ZooKeeper would delete'
. Invoke-Shown 'Clear-ZooKeeper -WhatIf'

Show-Step 'Delete everything but /zookeeper'
. Invoke-Shown 'Clear-ZooKeeper -Force'
. Invoke-Shown 'Get-ZkChildItem / -Name'

Show-Step 'Disconnect (kazoo: zk.stop())'
. Invoke-Shown 'Disconnect-ZooKeeper'
. Invoke-Shown '$session.State'
