# What the session can tell (its ephemerals, descendant counts, -Sync, the server's mode) and quotas, against real
# servers: quotas on a server that enforces them (zookeeper.enforceQuota=true), in zkCli's own format both ways.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString
    $PSDefaultParameterValues = @{ '*-Zk*:Session' = $session }

    function Invoke-ZkCli([object] $Server, [string[]] $Command) {
        # Apache's own zkCli (ZooKeeperMain from the jars the servers run from): the oracle for the quota format.
        $installation = [ZooKeeperPS.TestHarness.ZooKeeperInstallation]::Find()
        $output = & $installation.JavaPath '-Dzookeeper.sasl.client=false' -cp $installation.ClassPath org.apache.zookeeper.ZooKeeperMain -server $Server.ConnectionString @Command 2>&1
        $output | ForEach-Object { "$_" }
    }
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Get-ZkEphemeral' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/workers" -MakePath
        $null = New-ZkNode "$root/workers/w1" -Ephemeral
        $null = New-ZkNode "$root/workers/w2" -Ephemeral
        $null = New-ZkNode "$root/locks" -MakePath
        $null = New-ZkNode "$root/locks/l1" -Ephemeral
        $other = Connect-ZooKeeper $zk.ConnectionString
        $null = New-ZkNode "$root/workers/theirs" -Ephemeral -Session $other
    }

    AfterAll {
        Disconnect-ZooKeeper $other
        Remove-ZkNode $root -Recurse
    }

    It 'lists the ephemerals of this session only, under a prefix, sorted' {
        Get-ZkEphemeral "$root/" | Should -Be "$root/locks/l1", "$root/workers/w1", "$root/workers/w2"
        Get-ZkEphemeral "$root/workers" | Should -Be "$root/workers/w1", "$root/workers/w2"
        Get-ZkEphemeral "$root/workers" -Session $other | Should -Be "$root/workers/theirs"
    }

    It 'gives paths that pipe on to Get-ZkNode' {
        (Get-ZkEphemeral "$root/locks" | Get-ZkNode).EphemeralOwner | Should -Be $session.Id
    }
}

Describe 'Get-ZkNode -DescendantCount and -Sync; Get-ZkSession''s server mode' {
    BeforeAll {
        $root = Get-TestUniqueRoot
        $null = "$root/a/1", "$root/a/2/x", "$root/b" | New-ZkNode -MakePath
    }

    AfterAll {
        Remove-ZkNode $root -Recurse
    }

    It 'counts every node below each node, as kazoo''s walk does, only when asked' {
        $nodes = Get-ZkNode $root, "$root/a", "$root/b" -DescendantCount

        $nodes.DescendantCount | Should -Be 5, 3, 0
        (Get-ZkNode $root).DescendantCount | Should -BeNullOrEmpty
    }

    It 'counts many piped nodes, more than the count window holds, keeping nodes and errors in input order' {
        # 720 paths and 540 counts: more than the 500 requests a window keeps in flight.
        $paths = @(foreach ($i in 1..180) { $root, "$root/missing-$i", "$root/a", "$root/a/2" })

        # Continue, whatever the suite's preference: the errors must come out in the stream, in their places.
        $written = @($paths | Get-ZkNode -DescendantCount -ErrorAction Continue 2>&1)

        $written.Count | Should -Be $paths.Count
        $written | ForEach-Object { if ($_ -is [System.Management.Automation.ErrorRecord]) { "error $($_.TargetObject)" } else { "$($_.Path)=$($_.DescendantCount)" } } |
            Should -Be @(foreach ($i in 1..180) { "$root=5", "error $root/missing-$i", "$root/a=3", "$root/a/2=1" })
    }

    It 'sends one sync before the reads of Get-ZkNode -Sync and Get-ZkChildItem -Sync, and none without it' {
        $dedicated = Start-TestZooKeeper -Dedicated
        try {
            $quiet = Connect-ZooKeeper $dedicated.ConnectionString -SessionTimeout 60
            $null = New-ZkNode /s -Session $quiet
            # srvr's Received counts every request the server got (the srvr itself included).
            $received = { [long]([regex]::Match($dedicated.FourLetterWord('srvr'), 'Received: (\d+)').Groups[1].Value) }
            $start = & $received
            $null = Get-ZkNode /s -Session $quiet
            $plain = & $received
            $null = Get-ZkNode /s -Sync -Session $quiet
            $synced = & $received
            $null = Get-ZkChildItem /s -Sync -Session $quiet
            $listed = & $received

            ($plain - $start) | Should -Be 2
            ($synced - $plain) | Should -Be 3
            ($listed - $synced) | Should -Be 3
        }
        finally {
            Disconnect-ZooKeeper $quiet
            Stop-TestZooKeeper $dedicated
        }
    }

    It 'shows the mode of the server the session is on' {
        $listed = Get-ZkSession | Where-Object Id -eq $session.Id
        $listed.Server | Should -Be $zk.ConnectionString
        $listed.ServerMode | Should -Be $zk.Mode()
    }
}

Describe 'Quotas' {
    BeforeAll {
        $enforcing = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone({ param($options) $options.SystemProperties['zookeeper.enforceQuota'] = 'true' })
        $quota = Connect-ZooKeeper $enforcing.ConnectionString
        $PSDefaultParameterValues = @{ '*-Zk*:Session' = $quota }
    }

    AfterAll {
        Disconnect-ZooKeeper $quota
        Stop-TestZooKeeper $enforcing
    }

    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Value 'abc'
        $null = New-ZkNode "$root/a" -Value 'de'
    }

    AfterEach {
        Remove-ZkQuota $root -ErrorAction Ignore
        Remove-ZkNode $root -Recurse
    }

    It 'sets a soft count quota in zkCli''s format, with the usage the server counts' {
        $set = Set-ZkQuota $root -Count 5 -PassThru

        $set.Path | Should -Be $root
        $set.CountLimit | Should -Be 5
        $set.ByteLimit | Should -BeNullOrEmpty
        $set.CountHardLimit | Should -BeNullOrEmpty
        $set.ByteHardLimit | Should -BeNullOrEmpty
        $set.Count | Should -Be 2
        $set.Bytes | Should -Be 5
        (Get-ZkNode "/zookeeper/quota$root/zookeeper_limits").Value | Should -BeExactly 'count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1'
        Invoke-ZkCli $enforcing 'listquota', $root | Should -Contain "Output quota for $root count=5,bytes=-1=;byteHardLimit=-1;countHardLimit=-1"
    }

    It 'reads a quota that zkCli set, and keeps the other limits when one is set' {
        $null = Invoke-ZkCli $enforcing 'setquota', '-B', '100', $root
        Set-ZkQuota $root -Count 7

        $read = Get-ZkQuota $root
        $read.ByteHardLimit | Should -Be 100
        $read.CountLimit | Should -Be 7
    }

    It 'lets a soft quota be exceeded, and says so' {
        Set-ZkQuota $root -Count 2 -Bytes 5
        $null = New-ZkNode "$root/b" -Value 'more'

        $read = Get-ZkQuota $root
        $read.Count | Should -Be 3
        $read.Bytes | Should -Be 9
        $read.Exceeded | Should -BeTrue
    }

    It 'reports a create beyond a hard count quota as ZooKeeper.QuotaExceeded, in a transaction too, and creates nothing' {
        Set-ZkQuota $root -Count 3 -Hard
        $null = New-ZkNode "$root/b"

        New-ZkNode "$root/c" -ErrorAction SilentlyContinue -ErrorVariable failures
        { Invoke-ZkTransaction { Set-ZkNode $root 'x'; New-ZkNode "$root/d" } } |
            Should -Throw -ErrorId 'ZooKeeper.QuotaExceeded,ZooKeeperPS.Commands.InvokeZkTransactionCommand'

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QuotaExceeded,ZooKeeperPS.Commands.NewZkNodeCommand'
        $failures[0].CategoryInfo.Category | Should -Be QuotaExceeded
        $failures[0].Exception.Code | Should -Be QuotaExceeded
        $failures[0].ErrorDetails.RecommendedAction | Should -Match 'Get-ZkQuota'
        (Get-ZkChildItem $root -Name) | Should -Be 'a', 'b'
        (Get-ZkNode $root).Value | Should -Be 'abc'
    }

    It 'reports data beyond a hard byte quota as ZooKeeper.QuotaExceeded and keeps the old data' {
        Set-ZkQuota $root -Bytes 10 -Hard

        Set-ZkNode "$root/a" 'far too long for the quota' -ErrorAction SilentlyContinue -ErrorVariable failures

        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QuotaExceeded,ZooKeeperPS.Commands.SetZkNodeCommand'
        (Get-ZkNode "$root/a").Value | Should -Be 'de'
    }

    It 'removes single limits, then the whole quota with its nodes' {
        Set-ZkQuota $root -Count 5 -Bytes 50
        Set-ZkQuota $root -Count 9 -Hard

        Remove-ZkQuota $root -Count
        $partly = Get-ZkQuota $root
        Remove-ZkQuota $root -Hard
        $soft = Get-ZkQuota $root
        Remove-ZkQuota $root

        $partly.CountLimit | Should -BeNullOrEmpty
        $partly.ByteLimit | Should -Be 50
        $partly.CountHardLimit | Should -Be 9
        $soft.CountHardLimit | Should -BeNullOrEmpty
        $soft.ByteLimit | Should -Be 50
        Get-ZkQuota $root | Should -BeNullOrEmpty
        Test-ZkNode "/zookeeper/quota$root" | Should -BeFalse
        Remove-ZkQuota $root -ErrorAction SilentlyContinue -ErrorVariable failures
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoQuota,ZooKeeperPS.Commands.RemoveZkQuotaCommand'
    }

    It 'refuses nested quotas, a missing node and the root' {
        Set-ZkQuota $root -Count 10

        Set-ZkQuota "$root/a" -Count 3 -ErrorAction SilentlyContinue -ErrorVariable nested
        Set-ZkQuota "$root/missing" -Count 3 -ErrorAction SilentlyContinue -ErrorVariable missing
        Set-ZkQuota / -Count 3 -ErrorAction SilentlyContinue -ErrorVariable rooted

        $nested[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QuotaConflict,ZooKeeperPS.Commands.SetZkQuotaCommand'
        "$($nested[0])" | Should -Match "has a parent $([regex]::Escape($root))"
        $missing[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.NoNode,ZooKeeperPS.Commands.SetZkQuotaCommand'
        $rooted[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.InvalidPath,ZooKeeperPS.Commands.SetZkQuotaCommand'
        { Set-ZkQuota $root } | Should -Throw -ErrorId 'ZooKeeper.NoQuotaLimit,ZooKeeperPS.Commands.SetZkQuotaCommand'
    }

    It 'keeps the quota of a chrooted session where the server looks for it, and enforces it' {
        $chrooted = Connect-ZooKeeper ($enforcing.ConnectionString + $root)
        try {
            Set-ZkQuota /a -Count 1 -Hard -Session $chrooted
            $listed = Get-ZkQuota -Session $chrooted
            New-ZkNode /a/child -Session $chrooted -ErrorAction SilentlyContinue -ErrorVariable failures
        }
        finally {
            Disconnect-ZooKeeper $chrooted
        }

        $listed.Path | Should -Be '/a'
        Test-ZkNode "/zookeeper/quota$root/a/zookeeper_limits" | Should -BeTrue
        $failures[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.QuotaExceeded,ZooKeeperPS.Commands.NewZkNodeCommand'
        Remove-ZkQuota "$root/a"
    }

    It 'lists every quota below a path, and refuses quota changes inside a transaction' {
        $null = New-ZkNode "$root/b"
        Set-ZkQuota "$root/a" -Count 4
        Set-ZkQuota "$root/b" -Bytes 4

        (Get-ZkQuota $root).Path | Should -Be "$root/a", "$root/b"
        { Invoke-ZkTransaction { Set-ZkQuota "$root/a" -Count 9 } } |
            Should -Throw -ErrorId 'ZooKeeper.NotInTransaction,ZooKeeperPS.Commands.InvokeZkTransactionCommand'
        Remove-ZkQuota "$root/a", "$root/b"
    }
}
