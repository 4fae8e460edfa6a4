# Invoke-ZkTransaction and Test-ZkNode against a real server: transactions that apply, transactions that fail on each
# kind of operation with the tree unchanged afterwards (as kazoo sees it), -WhatIf, operations built beforehand, and
# the clear errors for what a transaction cannot hold.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString
    # Tests below connect other sessions (which become the default) and close them: everything else stays on this one.
    $PSDefaultParameterValues = @{ '*-Zk*:Session' = $session }

    function Get-KazooTree([string] $Root) {
        # Every node under $Root as kazoo sees it: path, version, cversion and data, one line each.
        $script = @'
import sys, base64
from kazoo.client import KazooClient
zk = KazooClient(hosts=sys.argv[1])
zk.start()
def walk(path):
    data, stat = zk.get(path)
    print("%s %d %d %s" % (path, stat.version, stat.cversion, base64.b64encode(data or b"").decode()))
    for child in sorted(zk.get_children(path)):
        walk(path + "/" + child)
walk(sys.argv[2])
zk.stop()
'@
        $output = & /usr/bin/python3 -c $script $zk.ConnectionString $Root
        if ($LASTEXITCODE -ne 0) { throw "kazoo failed: $output" }
        $output
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Invoke-ZkTransaction that applies' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Value 'v0'
        $null = New-ZkNode "$root/old" -Value 'gone soon'
    }

    AfterEach {
        Remove-ZkNode $root -Recurse
    }

    It 'applies create, sequential create, set, check and delete together and emits one result per operation' {
        $results = Invoke-ZkTransaction {
            New-ZkNode "$root/new" -Value 'fresh'
            New-ZkNode "$root/job-" -Sequential -Value 'queued'
            Set-ZkNode $root 'v1' -Version 0
            Test-ZkNode "$root/old" -Version 0
            Remove-ZkNode "$root/old"
        }

        $results.Count | Should -Be 5
        $results.Index | Should -Be 0, 1, 2, 3, 4
        $results.Kind | Should -Be Create, Create, Set, Check, Delete
        $results.Path | Should -Be "$root/new", "$root/job-", $root, "$root/old", "$root/old"
        $results[0].CreatedPath | Should -Be "$root/new"
        $results[1].CreatedPath | Should -Match "^$([regex]::Escape($root))/job-\d{10}$"
        $results[0].Stat.dataLength | Should -Be 5
        $results[2].Version | Should -Be 1
        $results[3].Stat | Should -BeNullOrEmpty
        $results[0].Session | Should -Be $session
        $kazoo = Get-KazooTree $root
        $kazoo | Should -Contain "$root 1 4 $([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('v1')))"
        $kazoo | Should -Contain "$($results[1].CreatedPath) 0 0 $([Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes('queued')))"
        $kazoo | Where-Object { $_ -like "$root/old *" } | Should -BeNullOrEmpty
    }

    It 'takes operations built beforehand, from objects, hashtables and CSV rows on the pipeline' {
        $rows = @"
Kind,Path,Value,Version
Set,$root,from csv,0
Delete,$root/old,,-1
"@ | ConvertFrom-Csv

        $results = @([ZooKeeperPS.ZkOperation]@{ Kind = 'Create'; Path = "$root/built"; Value = 'b' }) + $rows | Invoke-ZkTransaction

        $results.Kind | Should -Be Create, Set, Delete
        (Get-ZkNode $root).Value | Should -Be 'from csv'
        (Get-ZkNode "$root/built").Value | Should -Be 'b'
        Test-ZkNode "$root/old" | Should -BeFalse
    }

    It 'passes through what the script block itself writes, and runs reads in it at once on the transaction''s session' {
        $run = Start-InRunspace {
            param($Target, $Root)
            $first = Connect-ZooKeeper $Target
            $null = Connect-ZooKeeper $Target
            Invoke-ZkTransaction -Session $first {
                (Get-ZkNode $Root).Value
                (Get-ZkNode $Root).Session.Id
                Set-ZkNode $Root 'changed'
            }
            $first.Id
        } @{ Target = $zk.ConnectionString; Root = $root }
        $output = (Complete-InRunspace $run).Output

        $output[0] | Should -Be 'v0'
        $output[1] | Should -Be $output[3]
        $output[2].Kind | Should -Be Set
        $output[2].Session.Id | Should -Be $output[3]
        (Get-ZkNode $root).Value | Should -Be 'changed'
    }

    It 'lists the operations with -WhatIf and changes nothing' {
        $before = Get-KazooTree $root
        $recorder = New-RecordingHost
        $run = Start-InRunspace -TestHost $recorder {
            param($Target, $Root)
            $null = Connect-ZooKeeper $Target
            Invoke-ZkTransaction -WhatIf { New-ZkNode "$Root/whatif"; Remove-ZkNode "$Root/old" }
        } @{ Target = $zk.ConnectionString; Root = $root }
        $result = Complete-InRunspace $run

        $result.Output | Should -BeNullOrEmpty
        $whatIf = $recorder.Lines | Where-Object { $_ -like 'What if:*' }
        $whatIf.Count | Should -Be 2
        $whatIf[0] | Should -Match "Create node \(operation 0 of a transaction of 2\).*$([regex]::Escape("$root/whatif"))"
        $whatIf[1] | Should -Match "Remove node \(operation 1 of a transaction of 2\).*$([regex]::Escape("$root/old"))"
        Get-KazooTree $root | Should -Be $before
    }

    It 'sends nothing for an empty script block' {
        Invoke-ZkTransaction { } | Should -BeNullOrEmpty
    }
}

Describe 'Invoke-ZkTransaction that fails' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Value 'v0'
        $null = New-ZkNode "$root/exists" -Value 'x'
        $null = New-ZkNode "$root/parent/child" -MakePath
        $before = Get-KazooTree $root
    }

    AfterAll {
        Remove-ZkNode $root -Recurse
    }

    It 'fails on a <Kind> (<Code>), names the operation and leaves the server unchanged' -ForEach @(
        @{ Kind = 'Create'; Code = 'NodeExists'; Failing = { New-ZkNode "$root/exists" } }
        @{ Kind = 'Set'; Code = 'BadVersion'; Failing = { Set-ZkNode $root 'v9' -Version 7 } }
        @{ Kind = 'Delete'; Code = 'NotEmpty'; Failing = { Remove-ZkNode "$root/parent" } }
        @{ Kind = 'Delete'; Code = 'NoNode'; Failing = { Remove-ZkNode "$root/missing" } }
        @{ Kind = 'Check'; Code = 'BadVersion'; Failing = { Test-ZkNode "$root/exists" -Version 3 } }
        @{ Kind = 'Check'; Code = 'NoNode'; Failing = { Test-ZkNode "$root/missing" } }
    ) {
        $failing = $Failing
        $failure = $null
        try {
            Invoke-ZkTransaction -Session $session {
                New-ZkNode "$root/created-first" -Value 'a'
                Set-ZkNode "$root/exists" 'changed'
                & $failing
                New-ZkNode "$root/created-after"
            }
        }
        catch {
            $failure = $_
        }

        $failure | Should -Not -BeNullOrEmpty
        $failure.FullyQualifiedErrorId | Should -Be "ZooKeeper.$Code,ZooKeeperPS.Commands.InvokeZkTransactionCommand"
        "$failure" | Should -Match "operation 2 of 4 \($Kind "
        "$failure" | Should -Match "$Code \(-\d+\)"
        "$failure" | Should -Match 'rolled back'
        $failure.Exception.FailedOpIndex | Should -Be 2
        Get-KazooTree $root | Should -Be $before
    }

    It 'refuses <What> and sends nothing' -ForEach @(
        @{ What = 'a nested transaction'; Id = 'NestedTransaction'; Block = { Invoke-ZkTransaction { New-ZkNode "$root/n" } } }
        @{ What = 'a cmdlet that cannot be queued'; Id = 'NotInTransaction'; Block = { Set-ZkAcl $root -Acl (New-ZkAcl) } }
        @{ What = 'New-ZkNode -MakePath'; Id = 'NotInTransaction'; Block = { New-ZkNode "$root/a/b" -MakePath } }
        @{ What = 'Remove-ZkNode -Recurse'; Id = 'NotInTransaction'; Block = { Remove-ZkNode "$root/parent" -Recurse } }
        @{ What = 'a bad path'; Id = 'InvalidPath'; Block = { New-ZkNode 'no-slash' } }
        @{ What = 'a wildcard that matches nothing'; Id = 'NoNode'; Block = { Remove-ZkNode "$root/nothing*" } }
        @{ What = 'another session'; Id = 'TransactionSessionMismatch'; Block = { New-ZkNode "$root/s" -Session $other } }
        @{ What = 'a new default session'; Id = 'TransactionSessionMismatch'; Block = { $null = Connect-ZooKeeper $zk.ConnectionString } }
    ) {
        $block = $Block
        $other = Connect-ZooKeeper $zk.ConnectionString
        try {
            { Invoke-ZkTransaction -Session $session { New-ZkNode "$root/queued-first"; & $block } } |
                Should -Throw -ErrorId "ZooKeeper.$Id,ZooKeeperPS.Commands.InvokeZkTransactionCommand"
        }
        finally {
            Get-ZkSession | Where-Object { $_ -ne $session } | Disconnect-ZooKeeper
        }

        Get-KazooTree $root | Should -Be $before
    }
}

Describe 'Test-ZkNode' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = "$root/a1", "$root/a2", "$root/b" | New-ZkNode -MakePath
        $null = Set-ZkNode "$root/b" 'twice'
    }

    AfterAll {
        Remove-ZkNode $root -Recurse
    }

    It 'answers whether each node exists, in input order, from arguments and the pipeline' {
        Test-ZkNode "$root/a1", "$root/missing", "$root/b" | Should -Be $true, $false, $true
        "$root/missing", "$root/a2" | Test-ZkNode | Should -Be $false, $true
        Get-ZkChildItem $root | Test-ZkNode | Should -Be $true, $true, $true
    }

    It 'is true with -Version only at that version' {
        Test-ZkNode "$root/b" -Version 1 | Should -BeTrue
        Test-ZkNode "$root/b" -Version 0 | Should -BeFalse
        Test-ZkNode "$root/missing" -Version 0 | Should -BeFalse
    }

    It 'is true for a wildcard when some node matches, false when none does, and takes -LiteralPath as written' {
        Test-ZkNode "$root/a*" | Should -BeTrue
        Test-ZkNode "$root/z*" | Should -BeFalse
        Test-ZkNode -LiteralPath "$root/a*" | Should -BeFalse
    }
}
