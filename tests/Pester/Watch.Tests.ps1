# Register-ZkWatch: events in the PowerShell event queue (Wait-Event, Get-Event), -Action jobs, persistent,
# recursive, children and one-shot watches, -MessageData, -MaxTriggerCount, -SupportEvent, -Forward from a job, and
# Unregister-Event removing the watch from the server.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $session = Connect-ZooKeeper $zk.ConnectionString

    function Test-ServerWatches([string] $Path) {
        # wchp lists every watched path with the sessions watching it.
        ($zk.FourLetterWord('wchp') -split "`n") -contains $Path
    }
}

AfterAll {
    Get-EventSubscriber -Force | Unregister-Event -Force
    Get-Event | Remove-Event
    Get-ZkSession | Disconnect-ZooKeeper
    Stop-TestZooKeeper $zk
}

Describe 'Register-ZkWatch' {
    BeforeEach {
        $root = Get-TestUniqueRoot
        $null = New-ZkNode "$root/node" -Value 'v0' -MakePath
        $id = [guid]::NewGuid().ToString()
    }

    AfterEach {
        Get-EventSubscriber -SourceIdentifier $id -Force -ErrorAction Ignore | Unregister-Event -Force
        Get-Event -SourceIdentifier $id -ErrorAction Ignore | Remove-Event
    }

    It 'queues a NodeDataChanged event that Wait-Event returns' {
        Register-ZkWatch "$root/node" -SourceIdentifier $id | Should -BeNullOrEmpty
        Set-ZkNode "$root/node" 'v1'

        $event = Wait-Event -SourceIdentifier $id -Timeout 5

        $event | Should -Not -BeNullOrEmpty
        $event.SourceEventArgs | Should -BeOfType ([ZooKeeperPS.ZkWatchEvent])
        $event.SourceEventArgs.EventType | Should -Be 'NodeDataChanged'
        $event.SourceEventArgs.Path | Should -Be "$root/node"
        $event.SourceEventArgs.State | Should -Be 'SyncConnected'
        [object]::ReferenceEquals($event.SourceEventArgs.Session, $session) | Should -BeTrue
        $event.Sender.Path | Should -Be "$root/node"
    }

    It 'keeps firing by default (a persistent watch): data, children and deletion' {
        Register-ZkWatch "$root/node" -SourceIdentifier $id
        Set-ZkNode "$root/node" 'v1'
        Set-ZkNode "$root/node" 'v2'
        $null = New-ZkNode "$root/node/child"
        Remove-ZkNode "$root/node" -Recurse

        Wait-Until { @(Get-Event -SourceIdentifier $id).Count -ge 5 } 10 'five events'
        $types = @(Get-Event -SourceIdentifier $id).SourceEventArgs.EventType

        $types | Should -Be 'NodeDataChanged', 'NodeDataChanged', 'NodeChildrenChanged', 'NodeChildrenChanged', 'NodeDeleted'
    }

    It 'reports the creation of a node that did not exist yet' {
        Register-ZkWatch "$root/later" -SourceIdentifier $id
        $null = New-ZkNode "$root/later"

        (Wait-Event -SourceIdentifier $id -Timeout 5).SourceEventArgs.EventType | Should -Be 'NodeCreated'
    }

    It 'watches the whole subtree with -Recursive' {
        Register-ZkWatch $root -Recursive -SourceIdentifier $id
        $null = New-ZkNode "$root/node/deep/deeper" -MakePath
        Set-ZkNode "$root/node/deep/deeper" 'x'

        Wait-Until { @(Get-Event -SourceIdentifier $id).Count -ge 3 } 10 'three events'
        $events = @(Get-Event -SourceIdentifier $id).SourceEventArgs

        $events.Path | Should -Be "$root/node/deep", "$root/node/deep/deeper", "$root/node/deep/deeper"
        $events.EventType | Should -Be 'NodeCreated', 'NodeCreated', 'NodeDataChanged'
    }

    It 'reports only child changes with -Children' {
        Register-ZkWatch "$root/node" -Children -SourceIdentifier $id
        Set-ZkNode "$root/node" 'ignored'
        $null = New-ZkNode "$root/node/child"

        $event = Wait-Event -SourceIdentifier $id -Timeout 5
        Start-Sleep -Milliseconds 300

        $event.SourceEventArgs.EventType | Should -Be 'NodeChildrenChanged'
        @(Get-Event -SourceIdentifier $id).Count | Should -Be 1
    }

    It 'fires once and ends the subscription with -Once' {
        Register-ZkWatch "$root/node" -Once -SourceIdentifier $id
        Set-ZkNode "$root/node" 'v1'
        $null = Wait-Event -SourceIdentifier $id -Timeout 5
        Set-ZkNode "$root/node" 'v2'
        Start-Sleep -Milliseconds 300

        @(Get-Event -SourceIdentifier $id).Count | Should -Be 1
        Get-EventSubscriber -SourceIdentifier $id -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'sets a one-shot child watch with -Children -Once' {
        Register-ZkWatch "$root/node" -Children -Once -SourceIdentifier $id
        $null = New-ZkNode "$root/node/a"

        (Wait-Event -SourceIdentifier $id -Timeout 5).SourceEventArgs.EventType | Should -Be 'NodeChildrenChanged'
    }

    It 'runs -Action for each event and returns the PSEventJob, passing -MessageData' {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        $job = Register-ZkWatch "$root/node" -SourceIdentifier $id -MessageData $seen -Action {
            $Event.MessageData.Enqueue("$($EventArgs.EventType) $($EventArgs.Path)")
        }
        Set-ZkNode "$root/node" 'v1'

        $job | Should -BeOfType ([System.Management.Automation.PSEventJob])
        # The action runs when the pipeline thread is free to process events; Wait-Until sleeps there.
        Wait-Until { $seen.Count -ge 1 } 10 'the action has run'
        $seen.ToArray() | Should -Be "NodeDataChanged $root/node"
    }

    It 'names an unnamed subscription with a GUID, as Register-ObjectEvent does' {
        $seen = [System.Collections.Concurrent.ConcurrentQueue[string]]::new()
        $job = Register-ZkWatch "$root/node" -MessageData $seen -Action { $Event.MessageData.Enqueue($Event.SourceIdentifier) }
        Set-ZkNode "$root/node" 'v1'

        try {
            { [guid]::Parse($job.Name) } | Should -Not -Throw
            Wait-Until { $seen.Count -ge 1 } 10 'the action has run'
            $seen.ToArray() | Should -Be $job.Name
        }
        finally {
            Unregister-Event -SourceIdentifier $job.Name
        }
    }

    It 'passes -MessageData with queued events' {
        Register-ZkWatch "$root/node" -SourceIdentifier $id -MessageData 'tag-42'
        Set-ZkNode "$root/node" 'v1'

        (Wait-Event -SourceIdentifier $id -Timeout 5).MessageData | Should -Be 'tag-42'
    }

    It 'unsubscribes after -MaxTriggerCount events and removes the server watch' {
        Register-ZkWatch "$root/node" -SourceIdentifier $id -MaxTriggerCount 2
        Set-ZkNode "$root/node" 'v1'
        Set-ZkNode "$root/node" 'v2'
        Wait-Until { @(Get-Event -SourceIdentifier $id).Count -ge 2 } 10 'two events'
        Set-ZkNode "$root/node" 'v3'
        Start-Sleep -Milliseconds 300

        @(Get-Event -SourceIdentifier $id).Count | Should -Be 2
        Get-EventSubscriber -SourceIdentifier $id -ErrorAction Ignore | Should -BeNullOrEmpty
        Wait-Until { -not (Test-ServerWatches "$root/node") } 10 'the server has dropped the watch'
    }

    It 'hides the subscription with -SupportEvent, and still watches' {
        Register-ZkWatch "$root/node" -SourceIdentifier $id -SupportEvent
        Set-ZkNode "$root/node" 'v1'

        Get-EventSubscriber -SourceIdentifier $id -ErrorAction Ignore | Should -BeNullOrEmpty
        Get-EventSubscriber -SourceIdentifier $id -Force | Should -Not -BeNullOrEmpty
        Test-ServerWatches "$root/node" | Should -BeTrue
        (Wait-Event -SourceIdentifier $id -Timeout 5).SourceEventArgs.EventType | Should -Be 'NodeDataChanged'
    }

    It 'forwards its events with -Forward from a background job to the session that started the job' {
        # A job is a remote session (a child pwsh): what -Forward is for. Outside remoting a forwarded event goes
        # nowhere, for Register-ObjectEvent as for Register-ZkWatch.
        $job = Start-Job {
            param($Module, $ConnectionString, $Path, $SourceIdentifier)
            Import-Module $Module
            $null = Connect-ZooKeeper $ConnectionString
            Register-ZkWatch $Path -SourceIdentifier $SourceIdentifier -Forward
            'watching'
            Wait-Event -SourceIdentifier never -Timeout 60
        } -ArgumentList (Get-Module ZooKeeperPS).Path, $zk.ConnectionString, "$root/node", $id
        try {
            Wait-Until { $job.ChildJobs[0].Output.Count -gt 0 -or $job.State -ne 'Running' } 30 'the job watches the node'
            $job.ChildJobs[0].Output | Should -Be 'watching' -Because "the job ($($job.State)) said $($job.ChildJobs[0].Error) $($job.ChildJobs[0].JobStateInfo.Reason)"
            Set-ZkNode "$root/node" 'v1'

            $event = Wait-Event -SourceIdentifier $id -Timeout 10
        }
        finally {
            $job | Remove-Job -Force
        }

        $event | Should -Not -BeNullOrEmpty
        $event.SourceEventArgs.SerializedRemoteEventArgs.EventType | Should -Be 'NodeDataChanged'
        $event.SourceEventArgs.SerializedRemoteEventArgs.Path | Should -Be "$root/node"
    }

    It 'removes the watch from the server on Unregister-Event' {
        Register-ZkWatch "$root/node" -SourceIdentifier $id
        Test-ServerWatches "$root/node" | Should -BeTrue

        Unregister-Event -SourceIdentifier $id
        Set-ZkNode "$root/node" 'after'
        Start-Sleep -Milliseconds 300

        Wait-Until { -not (Test-ServerWatches "$root/node") } 10 'the server has dropped the watch'
        Get-Event -SourceIdentifier $id -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'takes -Path from node objects in the pipeline' {
        Get-ZkNode "$root/node" | Register-ZkWatch -SourceIdentifier $id
        Set-ZkNode "$root/node" 'v1'

        (Wait-Event -SourceIdentifier $id -Timeout 5).SourceEventArgs.Path | Should -Be "$root/node"
    }

    It 'fails for a child watch on a missing node, and leaves no subscription behind' {
        { Register-ZkWatch "$root/missing" -Children -Once -SourceIdentifier $id -ErrorAction Stop } |
            Should -Throw -ErrorId 'ZooKeeper.NoNode,ZooKeeperPS.Commands.RegisterZkWatchCommand'
        Get-EventSubscriber -SourceIdentifier $id -Force -ErrorAction Ignore | Should -BeNullOrEmpty
    }

    It 'does not combine -Recursive with -Once or -Children' {
        { Register-ZkWatch $root -Recursive -Once } | Should -Throw -ErrorId 'AmbiguousParameterSet,ZooKeeperPS.Commands.RegisterZkWatchCommand'
    }
}
