# The server and ensemble cmdlets against real servers: Get-ZkServer, Test-ZkServer, Invoke-ZkFourLetterWord,
# Get-ZkConnection and Get-ZkServerSession on the shared standalone server (four-letter words allowed); on a dedicated
# 3-member ensemble with the AdminServer, reconfigEnabled and only ruok and srvr allowed: the AdminServer path, a
# killed member shown with its error, Test-ZkServer false while it is down and true when it is back, a fourth member
# added then removed with Set-ZkEnsembleConfig, and Get-ZkConnection and Get-ZkServerSession through the AdminServer.
# About 30 s, the ensemble's start and the joiner's included.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $ensemble = [ZooKeeperPS.TestHarness.ZooKeeperEnsemble]::Start(3, [Action[ZooKeeperPS.TestHarness.ZooKeeperServerOptions]] {
            param($options)
            $options.AdminServer = $true
            $options.ReconfigEnabled = $true
            $options.Config['4lw.commands.whitelist'] = 'ruok, srvr'
        })
    # Every member's AdminServer has its own port; on real servers it is the same everywhere (-AdminPort).
    $super = [pscredential]::new([ZooKeeperPS.TestHarness.ZooKeeperServer]::SuperUser,
        (ConvertTo-SecureString ([ZooKeeperPS.TestHarness.ZooKeeperServer]::SuperPassword) -AsPlainText -Force))
}

AfterAll {
    Get-ZkSession | Disconnect-ZooKeeper
    $ensemble.Dispose()
}

Describe 'Get-ZkServer, Test-ZkServer and the four-letter words on a standalone server' {
    BeforeAll {
        $session = Connect-ZooKeeper $zk.ConnectionString
    }

    AfterAll {
        Disconnect-ZooKeeper -Session $session
    }

    It 'reports the standalone server from srvr and mntr' {
        $server = @(Get-ZkServer -Session $session)

        $server.Count | Should -Be 1
        $server[0].Server | Should -Be $zk.ConnectionString
        $server[0].Mode | Should -Be 'standalone'
        $server[0].Serving | Should -BeTrue
        $server[0].Source | Should -Be 'srvr+mntr'
        $server[0].Version | Should -Match '^3\.\d+\.\d+$'
        $server[0].Zxid | Should -BeGreaterThan 0
        $server[0].ZnodeCount | Should -BeGreaterOrEqual 5
        $server[0].Connections | Should -BeGreaterOrEqual 1
        $server[0].OpenFileDescriptors | Should -BeGreaterThan 0
        $server[0].ApproximateDataSize | Should -BeGreaterThan 0
        $server[0].Metrics['server_state'] | Should -Be 'standalone'
        $server[0].Error | Should -BeNullOrEmpty
    }

    It 'shows a member that cannot be reached as a row with its error, not an error record' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $closed = $listener.LocalEndpoint.Port
        $listener.Stop()

        $rows = @(Get-ZkServer -ConnectionString "127.0.0.1:$closed,$($zk.ConnectionString)" -Timeout 3 -ErrorVariable failures)

        $rows.Server | Should -Be "127.0.0.1:$closed", $zk.ConnectionString
        $rows[0].Mode | Should -BeNullOrEmpty
        $rows[0].Serving | Should -BeFalse
        $rows[0].Error | Should -Not -BeNullOrEmpty
        $rows[1].Mode | Should -Be 'standalone'
        $failures | Should -BeNullOrEmpty
    }

    It 'passes every check on a healthy server, and -Quiet says True' {
        $checks = Test-ZkServer -Session $session

        $checks.Check | Should -Be 'MembersServing', 'OneLeader', 'Quorum', 'ZxidDrift', 'ZnodeCountDrift'
        $checks | Where-Object { -not $_.Passed } | Should -BeNullOrEmpty
        Test-ZkServer -Session $session -Quiet | Should -BeExactly $true
    }

    It 'returns the text of a word, and mntr as a dictionary of numbers, each with its server' {
        $ruok = Invoke-ZkFourLetterWord ruok -Session $session
        $mntr = Invoke-ZkFourLetterWord mntr -Session $session

        $ruok | Should -BeExactly 'imok'
        $ruok.Server | Should -Be $zk.ConnectionString
        $mntr | Should -BeOfType System.Collections.Specialized.OrderedDictionary
        $mntr['zk_server_state'] | Should -Be 'standalone'
        $mntr['zk_znode_count'] | Should -BeOfType long
        $mntr.Server | Should -Be $zk.ConnectionString
    }

    It 'lists the connected clients with their sessions (cons), and the owner of each ephemeral (dump)' {
        $root = Get-TestUniqueRoot
        $owner = Connect-ZooKeeper $zk.ConnectionString
        try {
            $null = New-ZkNode $root -Session $session
            $null = "$root/e1", "$root/e2" | New-ZkNode -Ephemeral -Session $owner

            $connection = Get-ZkConnection -Session $session | Where-Object SessionId -EQ $owner.Id
            $sessions = Get-ZkServerSession -Session $session | Where-Object SessionId -EQ $owner.Id

            $connection | Should -HaveCount 1
            $connection.Server | Should -Be $zk.ConnectionString
            $connection.Address | Should -Match '^127\.0\.0\.1:\d+$'
            $connection.Received | Should -BeGreaterOrEqual 3
            $connection.Sent | Should -BeGreaterOrEqual 3
            $connection.Queued | Should -Be 0
            $connection.SessionTimeout | Should -Be $owner.Timeout
            $sessions | Should -HaveCount 1
            @($sessions.Ephemerals | Sort-Object) | Should -Be "$root/e1", "$root/e2"
        }
        finally {
            Disconnect-ZooKeeper -Session $owner
            Remove-ZkNode $root -Recurse -Session $session
        }
    }

    It 'reads no ensemble configuration on a standalone server, and its refusal to reconfigure is a clear error' {
        $session2 = Connect-ZooKeeper $zk.ConnectionString -Credential $super

        Get-ZkEnsembleConfig -Session $session2 | Should -BeNullOrEmpty
        { Set-ZkEnsembleConfig -Remove 2 -Force -Session $session2 -ErrorAction Stop } |
            Should -Throw -ErrorId 'ZooKeeper.ReconfigDisabled,ZooKeeperPS.Commands.SetZkEnsembleConfigCommand'
        $failure = $null
        Set-ZkEnsembleConfig -Remove 2 -Force -Session $session2 -ErrorVariable failure -ErrorAction SilentlyContinue
        $failure[0].CategoryInfo.Category | Should -Be 'InvalidOperation'
        $failure[0].ErrorDetails.Message | Should -Match 'reconfigEnabled=true'
        Disconnect-ZooKeeper -Session $session2
    }
}

Describe 'An ensemble: the AdminServer, a killed member, reconfiguration' {
    BeforeAll {
        $session = Connect-ZooKeeper $ensemble.ConnectionString -Credential $super
        function Get-EnsembleServer {
            # Each member's AdminServer is on its own port here, so each is asked on its own. A fresh Jetty's first
            # answer can take seconds on a busy machine; a late one would make the member fall back to srvr.
            foreach ($member in $ensemble.Servers) {
                Get-ZkServer -ConnectionString $member.ConnectionString -AdminPort $member.AdminPort -Timeout 30
            }
        }
    }

    AfterAll {
        Disconnect-ZooKeeper -Session $session
    }

    It 'asks the AdminServer when the whitelist refuses mntr, and finds one leader and two followers' {
        $rows = @(Get-EnsembleServer)

        $rows.Source | Sort-Object -Unique | Should -Be 'AdminServer'
        @($rows | Where-Object Mode -EQ 'leader') | Should -HaveCount 1
        @($rows | Where-Object Mode -EQ 'follower') | Should -HaveCount 2
        ($rows | Where-Object Mode -EQ 'leader').Followers | Should -Be 2
        ($rows | Where-Object Mode -EQ 'leader').SyncedFollowers | Should -Be 2
        $rows.Zxid | ForEach-Object { $_ | Should -BeGreaterThan 0 }
        $rows.ZnodeCount | ForEach-Object { $_ | Should -BeGreaterOrEqual 5 }
    }

    It 'falls back to srvr when neither mntr nor the AdminServer answers, and says so' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $closed = $listener.LocalEndpoint.Port
        $listener.Stop()

        $row = Get-ZkServer -ConnectionString $ensemble.Servers[0].ConnectionString -AdminPort $closed

        $row.Source | Should -Be 'srvr'
        $row.Mode | Should -BeIn 'leader', 'follower'
        $row.Zxid | Should -BeGreaterThan 0
        $row.WatchCount | Should -BeNullOrEmpty
        $row.Notice | Should -Match "AdminServer on port $closed did not answer"
        $row.Error | Should -BeNullOrEmpty
    }

    It 'lists every member of the session, with its id from /zookeeper/config' {
        $rows = @(Get-ZkServer -Session $session -Source FourLetterWords)

        $rows.Server | Sort-Object | Should -Be ($ensemble.Servers.ConnectionString | Sort-Object)
        $rows.Id | Sort-Object | Should -Be 1, 2, 3
        $rows.Source | Sort-Object -Unique | Should -Be 'srvr'
        @($rows | Where-Object Mode -EQ 'leader') | Should -HaveCount 1
    }

    It 'lists connections (AdminServer connections) and ephemeral owners (AdminServer dump) when the whitelist refuses cons and dump' {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode $root -Session $session
        $null = New-ZkNode "$root/e" -Ephemeral -Session $session
        try {
            $connections = @(foreach ($member in $ensemble.Servers) {
                    Get-ZkConnection -ConnectionString $member.ConnectionString -AdminPort $member.AdminPort -Timeout 30
                })
            $owners = @(Get-ZkServerSession -ConnectionString $ensemble.Servers[0].ConnectionString -AdminPort $ensemble.Servers[0].AdminPort -Timeout 30)
        }
        finally {
            Remove-ZkNode $root -Recurse -Session $session
        }

        $mine = @($connections | Where-Object SessionId -EQ $session.Id)
        $mine | Should -HaveCount 1
        $mine[0].Server | Should -Be $session.Server
        $mine[0].Address | Should -Match '^127\.0\.0\.1:\d+$'
        $mine[0].Received | Should -BeGreaterOrEqual 3
        $mine[0].SessionTimeout | Should -Be $session.Timeout
        $mine[0].Established | Should -BeGreaterThan ([DateTimeOffset]::Now.AddHours(-1))
        ($owners | Where-Object SessionId -EQ $session.Id).Ephemerals | Should -Be "$root/e"
    }

    It 'writes an error per member that refuses cons, saying how to allow it, with -Source FourLetterWords or no AdminServer' {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $closed = $listener.LocalEndpoint.Port
        $listener.Stop()

        $words = Get-ZkConnection -Session $session -Source FourLetterWords -ErrorVariable refused -ErrorAction SilentlyContinue
        $noAdmin = Get-ZkServerSession -Session $session -AdminPort $closed -ErrorVariable unanswered -ErrorAction SilentlyContinue

        $words | Should -BeNullOrEmpty
        $refused | Should -HaveCount 3
        $refused.TargetObject | Sort-Object | Should -Be ($ensemble.Servers.ConnectionString | Sort-Object)
        $refused[0].Exception.Message | Should -Match "does not allow 'cons': add it to the server's 4lw\.commands\.whitelist"
        $noAdmin | Should -BeNullOrEmpty
        $unanswered | Should -HaveCount 3
        $unanswered[0].Exception.Message | Should -Match "does not allow 'dump' \(4lw\.commands\.whitelist\) and its AdminServer on port $closed did not answer 'dump'"
    }

    It 'reads the configuration as member objects' {
        $members = @(Get-ZkEnsembleConfig -Session $session)

        $members.Id | Should -Be 1, 2, 3
        $members.Role | Sort-Object -Unique | Should -Be 'participant'
        $members.ClientAddress | Should -Be $ensemble.Servers.ConnectionString
        $members[0].QuorumPort | Should -Be $ensemble.Servers[0].QuorumPort
        $members[0].ElectionPort | Should -Be $ensemble.Servers[0].ElectionPort
        $members[0].Version | Should -BeGreaterThan 0
        $members[0].Line | Should -Be $ensemble.Servers[0].EnsembleLine()
    }

    It 'reads the configuration outside the chroot of a session, and finds the members through it' {
        $chrooted = Connect-ZooKeeper "$($ensemble.ConnectionString)/zookeeper"
        try {
            $members = @(Get-ZkEnsembleConfig -Session $chrooted)
            $rows = @(Get-ZkServer -Session $chrooted -Source FourLetterWords)
        }
        finally {
            Disconnect-ZooKeeper -Session $chrooted
        }

        $members.Id | Should -Be 1, 2, 3
        $rows.Id | Sort-Object | Should -Be 1, 2, 3
    }

    It 'shows a killed member with its error, fails Test-ZkServer while it is down, and passes once it is back' {
        $follower = $ensemble.Servers | Where-Object { $_.Mode() -eq 'follower' } | Select-Object -First 1
        $follower.Kill()
        try {
            $rows = @(Get-ZkServer -Session $session -Source FourLetterWords -Timeout 3)
            $checks = Test-ZkServer -Session $session -Source FourLetterWords -Timeout 3
            $quiet = Test-ZkServer -Session $session -Source FourLetterWords -Timeout 3 -Quiet
        }
        finally {
            $follower.Start()
        }

        $rows | Should -HaveCount 3
        $dead = $rows | Where-Object Server -EQ $follower.ConnectionString
        $dead.Error | Should -Not -BeNullOrEmpty
        $dead.Serving | Should -BeFalse
        @($rows | Where-Object Serving) | Should -HaveCount 2
        ($checks | Where-Object Check -EQ 'MembersServing').Passed | Should -BeFalse
        ($checks | Where-Object Check -EQ 'MembersServing').Detail | Should -Match ([regex]::Escape($follower.ConnectionString))
        ($checks | Where-Object Check -EQ 'Quorum').Passed | Should -BeTrue
        $quiet | Should -BeExactly $false
        Wait-Until { Test-ZkServer -Session $session -Source FourLetterWords -Timeout 3 -Quiet } 30 'Test-ZkServer passes again'
    }

    It 'adds a fourth member, then removes it, then sets the whole membership, guarded by the configuration version' {
        $before = @(Get-ZkEnsembleConfig -Session $session)
        $joiner = $ensemble.StartJoiningServer()
        try {
            Set-ZkEnsembleConfig -Add $joiner.EnsembleLine() -Version ($before[0].Version + 1) -Force -Session $session -ErrorVariable stale -ErrorAction SilentlyContinue
            $added = @(Set-ZkEnsembleConfig -Add $joiner.EnsembleLine() -Version $before[0].Version -Force -Session $session)
            $whatIf = @(Set-ZkEnsembleConfig -Remove 4 -WhatIf -Session $session)
            $afterWhatIf = @(Get-ZkEnsembleConfig -Session $session)
            $removed = @(Set-ZkEnsembleConfig -Remove 4 -Version $added[0].Version -Force -Session $session)
            $replaced = @(Set-ZkEnsembleConfig -Member $before.Line -Version $removed[0].Version -Confirm:$false -Session $session)
        }
        finally {
            $joiner.Dispose()
        }

        $stale[0].FullyQualifiedErrorId | Should -Be 'ZooKeeper.BadVersion,ZooKeeperPS.Commands.SetZkEnsembleConfigCommand'
        $added.Id | Should -Be 1, 2, 3, 4
        ($added | Where-Object Id -EQ 4).ClientAddress | Should -Be $joiner.ConnectionString
        $added[0].Version | Should -BeGreaterThan $before[0].Version
        $whatIf | Should -BeNullOrEmpty
        $afterWhatIf.Id | Should -Be 1, 2, 3, 4
        $removed.Id | Should -Be 1, 2, 3
        $replaced.Line | Should -Be $before.Line
        $replaced[0].Version | Should -BeGreaterThan $removed[0].Version
        (Get-ZkEnsembleConfig -Session $session).Id | Should -Be 1, 2, 3
    }
}
