# Bad input, table-driven: each case names the command, the error id and category it must give (and whether the
# error is terminating), and checks that nothing changed on the server. The TTL case and Clear-ZooKeeper on / run on a
# dedicated server started without extended types (no TTL nodes).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString
    $root = Get-TestUniqueRoot
    $null = New-ZkNode "$root/node" -Value 'original' -MakePath
    $null = New-ZkNode "$root/node/child" -Value 'child'
    $null = New-ZkNode "$root/eph" -Ephemeral
    $closed = Connect-ZooKeeper $zk.ConnectionString
    Disconnect-ZooKeeper $closed
    $context = @{ Root = $root; Session = $session; Closed = $closed; ConnectionString = $zk.ConnectionString }

    function Get-ServerState($Session, [string[]] $Trees) {
        # What a bad request must not change: the names at /, and every node of the given trees with its versions.
        $lines = [System.Collections.Generic.List[string]]::new()
        $lines.Add('/ : ' + ((Get-ZkChildItem / -Name -Session $Session) -join ','))
        foreach ($tree in $Trees) {
            foreach ($node in @(Get-ZkNode $tree -Session $Session) + @(Get-ZkChildItem $tree -Recurse -Session $Session)) {
                $lines.Add(('{0} v{1} c{2} a{3} m{4:x} {5}' -f $node.Path, $node.Stat.version, $node.Stat.cversion,
                    $node.Stat.aversion, $node.Stat.mzxid, [Convert]::ToBase64String($node.Data)))
            }
        }
        $lines -join "`n"
    }

    function Invoke-BadInput([scriptblock] $Command, [hashtable] $Context) {
        # Runs the command and returns its errors, non-terminating and terminating ones alike, with which was which.
        $ErrorActionPreference = 'Continue'
        $records = [System.Collections.Generic.List[object]]::new()
        try {
            foreach ($item in & $Command $Context 2>&1) {
                if ($item -is [System.Management.Automation.ErrorRecord]) {
                    $records.Add([pscustomobject]@{ Record = $item; Terminating = $false })
                }
            }
        }
        catch {
            $records.Add([pscustomobject]@{ Record = $_; Terminating = $true })
        }
        $records
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Bad input' {
    It '<Case>: <Id> (<Category>)' -ForEach @(
        # Invalid paths: the server's own rules, checked before anything is sent.
        @{ Case = 'relative path'; Command = { param($c) New-ZkNode 'abc' -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'relative path to Get-ZkNode'; Command = { param($c) Get-ZkNode 'abc/def' -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'relative path to Register-ZkWatch'; Command = { param($c) Register-ZkWatch 'abc' -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'trailing slash'; Command = { param($c) New-ZkNode "$($c.Root)/new/" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'trailing slash to Remove-ZkNode'; Command = { param($c) Remove-ZkNode "$($c.Root)/node/" -Recurse -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'empty segment'; Command = { param($c) New-ZkNode "$($c.Root)//new" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'empty segment to Set-ZkNode'; Command = { param($c) Set-ZkNode "$($c.Root)//node" -Value 'x' -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = '"." segment'; Command = { param($c) New-ZkNode "$($c.Root)/./new" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = '".." segment'; Command = { param($c) New-ZkNode "$($c.Root)/node/../new" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = '".." segment to Get-ZkChildItem'; Command = { param($c) Get-ZkChildItem "$($c.Root)/.." -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = '".." segment to Remove-ZkNode without -Recurse'; Command = { param($c) Remove-ZkNode "$($c.Root)/node/.." -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'trailing slash to Clear-ZooKeeper'; Command = { param($c) Clear-ZooKeeper "$($c.Root)/node/" -Force -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = '".." segment to Remove-ZkNode'; Command = { param($c) Remove-ZkNode "$($c.Root)/node/.." -Recurse -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'control character U+0001'; Command = { param($c) New-ZkNode "$($c.Root)/a`u{1}b" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'NUL character'; Command = { param($c) New-ZkNode "$($c.Root)/a`u{0}b" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'control character U+007F'; Command = { param($c) Set-ZkNode "$($c.Root)/node`u{7f}" -Value 'x' -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'non-character U+FFFF'; Command = { param($c) New-ZkNode "$($c.Root)/a`u{ffff}" -Session $c.Session }; Id = 'ZooKeeper.InvalidPath'; Category = 'InvalidArgument' }
        @{ Case = 'null path'; Command = { param($c) New-ZkNode $null -Session $c.Session }; Id = 'ParameterArgumentValidationErrorNullNotAllowed'; Category = 'InvalidData'; Terminating = $true }
        @{ Case = 'null path to Get-ZkNode'; Command = { param($c) Get-ZkNode $null -Session $c.Session }; Id = 'ParameterArgumentValidationErrorNullNotAllowed'; Category = 'InvalidData'; Terminating = $true }
        @{ Case = 'empty path'; Command = { param($c) New-ZkNode '' -Session $c.Session }; Id = 'ParameterArgumentValidationErrorEmptyStringNotAllowed'; Category = 'InvalidData'; Terminating = $true }
        @{ Case = 'empty path to Remove-ZkNode'; Command = { param($c) Remove-ZkNode '' -Session $c.Session }; Id = 'ParameterArgumentValidationErrorEmptyStringNotAllowed'; Category = 'InvalidData'; Terminating = $true }
        # Data over the limit (1 MiB less one byte), refused before sending.
        @{ Case = 'data of 1 MiB'; Command = { param($c) New-ZkNode "$($c.Root)/big" -Value ([byte[]]::new(1MB)) -Session $c.Session }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument' }
        @{ Case = 'text of 1 MiB in UTF-8'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value ([string]::new([char]0xE9, 512KB)) -Session $c.Session }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument' }
        # Versions.
        @{ Case = 'negative -Version to Set-ZkNode'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value 'x' -Version -2 -Session $c.Session }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Terminating = $true }
        @{ Case = 'negative -Version to Remove-ZkNode'; Command = { param($c) Remove-ZkNode "$($c.Root)/node/child" -Version -5 -Session $c.Session }; Id = 'ParameterArgumentValidationError'; Category = 'InvalidData'; Terminating = $true }
        @{ Case = 'stale -Version to Set-ZkNode'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value 'x' -Version 7 -Session $c.Session }; Id = 'ZooKeeper.BadVersion'; Category = 'InvalidOperation' }
        @{ Case = 'stale -Version to Remove-ZkNode'; Command = { param($c) Remove-ZkNode "$($c.Root)/node/child" -Version 3 -Session $c.Session }; Id = 'ZooKeeper.BadVersion'; Category = 'InvalidOperation' }
        # Ephemeral nodes have no children.
        @{ Case = 'create under an ephemeral node'; Command = { param($c) New-ZkNode "$($c.Root)/eph/child" -Session $c.Session }; Id = 'ZooKeeper.NoChildrenForEphemerals'; Category = 'InvalidOperation' }
        @{ Case = 'create under an ephemeral node with -MakePath'; Command = { param($c) New-ZkNode "$($c.Root)/eph/a/b" -MakePath -Session $c.Session }; Id = 'ZooKeeper.NoChildrenForEphemerals'; Category = 'InvalidOperation' }
        @{ Case = 'sequential create under an ephemeral node'; Command = { param($c) New-ZkNode "$($c.Root)/eph/job-" -Sequential -Session $c.Session }; Id = 'ZooKeeper.NoChildrenForEphemerals'; Category = 'InvalidOperation' }
        # The /zookeeper system tree.
        @{ Case = 'delete /zookeeper'; Command = { param($c) Remove-ZkNode /zookeeper -Session $c.Session }; Id = 'ZooKeeper.BadArguments'; Category = 'InvalidArgument' }
        @{ Case = 'delete /zookeeper/quota'; Command = { param($c) Remove-ZkNode /zookeeper/quota -Session $c.Session }; Id = 'ZooKeeper.BadArguments'; Category = 'InvalidArgument' }
        @{ Case = 'delete /zookeeper -Recurse'; Command = { param($c) Remove-ZkNode /zookeeper -Recurse -Confirm:$false -Session $c.Session }; Id = 'ZooKeeper.BadArguments'; Category = 'InvalidArgument' }
        @{ Case = 'Clear-ZooKeeper /zookeeper'; Command = { param($c) Clear-ZooKeeper /zookeeper -Force -Session $c.Session }; Id = 'ZooKeeper.SystemTree'; Category = 'InvalidArgument'; Terminating = $true }
        # Connection strings.
        @{ Case = 'port out of range'; Command = { param($c) Connect-ZooKeeper '127.0.0.1:99999' }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument'; Terminating = $true }
        @{ Case = 'port that is no number'; Command = { param($c) Connect-ZooKeeper '127.0.0.1:abc' }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument'; Terminating = $true }
        @{ Case = 'empty host'; Command = { param($c) Connect-ZooKeeper ':2181' }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument'; Terminating = $true }
        @{ Case = 'host that does not resolve'; Command = { param($c) Connect-ZooKeeper 'no-such-host.invalid:2181' -ConnectTimeout 00:00:02 }; Id = 'ZooKeeper.ConnectionLoss'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'chroot that does not exist'; Command = { param($c) Connect-ZooKeeper "$($c.ConnectionString)$($c.Root)/no/such/chroot" }; Id = 'ZooKeeper.ChrootNotFound'; Category = 'ObjectNotFound'; Terminating = $true }
        # Values and create modes.
        @{ Case = '-Value of type PSCustomObject'; Command = { param($c) New-ZkNode "$($c.Root)/value" -Value ([pscustomobject]@{ a = 1 }) -Session $c.Session }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument' }
        @{ Case = '-Value of numbers in an array'; Command = { param($c) New-ZkNode "$($c.Root)/value" -Value 1, 2, 3 -Session $c.Session }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument' }
        @{ Case = '-Data that is no bytes'; Command = { param($c) New-ZkNode "$($c.Root)/value" -Data 'text' -Session $c.Session }; Id = 'ParameterArgumentTransformationError'; Category = 'InvalidData'; Terminating = $true }
        @{ Case = '-Value with -Data'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value 'a' -Data ([byte[]](1)) -Session $c.Session }; Id = 'ZooKeeper.ValueAndData'; Category = 'InvalidArgument'; Terminating = $true }
        @{ Case = '-Value of type hashtable'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value @{ a = 1 } -Session $c.Session }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument' }
        @{ Case = '-Value of type DateTime'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value ([datetime]::UtcNow) -Session $c.Session }; Id = 'ZooKeeper.InvalidArgument'; Category = 'InvalidArgument' }
        @{ Case = '-Ttl with -Ephemeral'; Command = { param($c) New-ZkNode "$($c.Root)/ttl" -Ttl 00:01:00 -Ephemeral -Session $c.Session }; Id = 'ZooKeeper.InvalidCreateMode'; Category = 'InvalidArgument'; Terminating = $true }
        @{ Case = 'negative -Ttl'; Command = { param($c) New-ZkNode "$($c.Root)/ttl" -Ttl (New-TimeSpan -Seconds -5) -Session $c.Session }; Id = 'ZooKeeper.InvalidCreateMode'; Category = 'InvalidArgument'; Terminating = $true }
        # A closed session.
        @{ Case = 'closed session to Get-ZkNode'; Command = { param($c) Get-ZkNode "$($c.Root)/node" -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'closed session to New-ZkNode'; Command = { param($c) New-ZkNode "$($c.Root)/closed" -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'closed session to Set-ZkNode'; Command = { param($c) Set-ZkNode "$($c.Root)/node" -Value 'x' -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'closed session to Remove-ZkNode'; Command = { param($c) Remove-ZkNode "$($c.Root)/node" -Recurse -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'closed session to Get-ZkChildItem'; Command = { param($c) Get-ZkChildItem $c.Root -Recurse -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'closed session to Register-ZkWatch'; Command = { param($c) Register-ZkWatch "$($c.Root)/node" -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
        @{ Case = 'closed session to Clear-ZooKeeper'; Command = { param($c) Clear-ZooKeeper $c.Root -Force -Session $c.Closed }; Id = 'ZooKeeper.SessionClosed'; Category = 'ConnectionError'; Terminating = $true }
    ) {
        $before = Get-ServerState $session $root, '/zookeeper'
        $defaultBefore = Get-ZkSession -Default

        $failures = @(Invoke-BadInput $Command $context)

        $failures.Count | Should -Be 1 -Because "the command reports the bad item once ($($failures.Record -join '; '))"
        foreach ($failure in $failures) {
            $failure.Record.FullyQualifiedErrorId | Should -BeLike "$Id,ZooKeeperPS.Commands.*"
            $failure.Record.CategoryInfo.Category | Should -Be $Category
            $failure.Terminating | Should -Be ([bool]$Terminating)
            "$($failure.Record)" | Should -Not -BeNullOrEmpty
        }
        Get-ServerState $session $root, '/zookeeper' | Should -Be $before
        # A failed Connect-ZooKeeper leaves the default session as it was.
        (Get-ZkSession -Default).Id | Should -Be $defaultBefore.Id
    }
}

Describe 'A server without extended types' {
    BeforeAll {
        $options = [ZooKeeperPS.TestHarness.ZooKeeperServerOptions]::new()
        $options.SystemProperties['zookeeper.extendedTypesEnabled'] = 'false'
        $plain = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone($options)
        $plainSession = Connect-ZooKeeper $plain.ConnectionString
        $plainRoot = Get-TestUniqueRoot
        $null = New-ZkNode "$plainRoot/a/b" -Value 'x' -MakePath -Session $plainSession
    }

    AfterAll {
        $plainSession | Disconnect-ZooKeeper
        Stop-TestZooKeeper $plain
    }

    It 'refuses a TTL node with Unimplemented (NotImplemented) that names the server setting, and creates nothing' {
        $before = Get-ServerState $plainSession $plainRoot, '/zookeeper'

        $failures = @(Invoke-BadInput { param($c) New-ZkNode "$($c.Root)/ttl" -Ttl 00:01:00 -Session $c.Session } @{ Root = $plainRoot; Session = $plainSession })

        $failures.Count | Should -Be 1
        $failures[0].Terminating | Should -BeFalse
        $failures[0].Record.FullyQualifiedErrorId | Should -Be 'ZooKeeper.Unimplemented,ZooKeeperPS.Commands.NewZkNodeCommand'
        $failures[0].Record.CategoryInfo.Category | Should -Be 'NotImplemented'
        "$($failures[0].Record)" | Should -Match 'extendedTypesEnabled'
        Get-ServerState $plainSession $plainRoot, '/zookeeper' | Should -Be $before
    }

    It 'Clear-ZooKeeper on / removes everything else and leaves /zookeeper whole' {
        $systemTree = Get-ServerState $plainSession '/zookeeper'
        $systemTree | Should -Match '/zookeeper/quota'

        Clear-ZooKeeper / -Force -Session $plainSession

        Get-ZkChildItem / -Name -Session $plainSession | Should -Be 'zookeeper'
        # Same nodes, versions and data in the system tree; only the list at / differs (the test root is gone).
        $after = Get-ServerState $plainSession '/zookeeper'
        ($after -split "`n" | Select-Object -Skip 1) | Should -Be ($systemTree -split "`n" | Select-Object -Skip 1)
    }
}
