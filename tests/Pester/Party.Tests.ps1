# The party cmdlets against kazoo's Party and ShallowParty on one shared standalone server: each side lists the
# other's members, in kazoo's node names, and a member goes when it leaves or its session ends. kazoo runs as child
# processes (/usr/bin/python3 with Debian's python3-kazoo).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $null = Import-TestModule
    $zk = Start-TestZooKeeper
    $root = Get-TestUniqueRoot
    $null = Connect-ZooKeeper $zk.ConnectionString
    $null = New-ZkNode $root
    $kazooScript = Join-Path $PSScriptRoot 'Party.Kazoo.py'

    function Start-Kazoo([string[]] $Arguments) { Start-KazooScript $kazooScript $zk.ConnectionString $Arguments }
}

AfterAll {
    Stop-KazooScript
    Get-ZkSession | Disconnect-ZooKeeper
}

Describe 'Join-ZkParty and kazoo''s <Kind>' -ForEach @(
    @{ Kind = 'party'; Shallow = $false; NamePattern = '^[0-9a-f]{32}__party__$' }
    @{ Kind = 'shallow'; Shallow = $true; NamePattern = '^[0-9a-f]{32}-pwsh-one$' }
) {
    BeforeEach {
        $path = "$root/$Kind-" + [guid]::NewGuid().ToString('N')
    }

    It 'shows kazoo the PowerShell members, in kazoo''s node names, until they leave' {
        $one = Join-ZkParty $path 'pwsh-one' -Shallow:$Shallow
        $other = Connect-ZooKeeper $zk.ConnectionString
        $two = Join-ZkParty $path 'pwsh-two' -Shallow:$Shallow -Session $other
        $one.Name | Should -Match $NamePattern
        $one.Identifier | Should -Be 'pwsh-one'
        (Get-ZkNode $one.NodePath).Value | Should -Be 'pwsh-one' -Because 'kazoo keeps the identifier as the data too'
        (Get-ZkNode $one.NodePath).EphemeralOwner | Should -Not -BeNullOrEmpty
        Wait-Kazoo (Start-Kazoo 'members', $path, $Kind) | Should -Be 'pwsh-one', 'pwsh-two'

        Exit-ZkParty $one
        Wait-Kazoo (Start-Kazoo 'members', $path, $Kind) | Should -Be 'pwsh-two'
        Disconnect-ZooKeeper $other
        Wait-Kazoo (Start-Kazoo 'members', $path, $Kind) | Should -BeNullOrEmpty -Because 'a member goes with its session'
        $null = Connect-ZooKeeper $zk.ConnectionString # the runspace's default session again, for the later tests
    }

    It 'lists kazoo''s members until they leave' {
        $kazoo = Start-Kazoo 'join', $path, 'kazoo-member', $Kind, "$path-release"
        Wait-Until { @(Get-ZkPartyMember $path -Shallow:$Shallow).Count -eq 1 } 30 'kazoo joined'
        $mine = Join-ZkParty $path 'pwsh-member' -Shallow:$Shallow
        $members = @(Get-ZkPartyMember $path -Shallow:$Shallow)
        ($members.Identifier | Sort-Object) | Should -Be 'kazoo-member', 'pwsh-member'
        ($members | Where-Object Identifier -EQ 'pwsh-member').NodePath | Should -Be $mine.NodePath
        $null = New-ZkNode "$path-release"
        Wait-Kazoo $kazoo | Select-Object -Last 1 | Should -Be 'left'
        (Get-ZkPartyMember $path -Shallow:$Shallow).Identifier | Should -Be 'pwsh-member'
        $mine | Exit-ZkParty
        Get-ZkPartyMember $path -Shallow:$Shallow | Should -BeNullOrEmpty
    }
}

Describe 'Party details' {
    It 'lists only __party__ children in a Party, as kazoo does, and leaves a left member quietly' {
        $path = "$root/mixed-" + [guid]::NewGuid().ToString('N')
        $member = Join-ZkParty $path 'real'
        $null = New-ZkNode "$path/not-a-member" -Value 'other data'
        (Get-ZkPartyMember $path).Identifier | Should -Be 'real'
        Wait-Kazoo (Start-Kazoo 'members', $path, 'party') | Should -Be 'real'
        Exit-ZkParty $member
        Exit-ZkParty $member -ErrorVariable again
        $again | Should -BeNullOrEmpty -Because 'leaving twice is not an error'
    }

    It 'refuses a shallow identifier with a slash, and -WhatIf joins nothing' {
        $path = "$root/checks-" + [guid]::NewGuid().ToString('N')
        { Join-ZkParty $path 'a/b' -Shallow } | Should -Throw -ErrorId 'ZooKeeper.InvalidIdentifier,ZooKeeperPS.Commands.JoinZkPartyCommand'
        Join-ZkParty $path 'x' -WhatIf | Should -BeNullOrEmpty
        Get-ZkNode $path -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
    }
}
