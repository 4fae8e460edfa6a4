@{
    # The single version source: build.ps1 reads ModuleVersion and builds the assemblies with it.
    ModuleVersion        = '0.1.0'
    GUID                 = '99f43fc7-35e5-45be-ac69-38361c1d1f7a'
    RootModule           = 'ZooKeeperPS.dll'
    # The managed ZooKeeper client the cmdlets use; loaded up front so its types (CreateMode, Perms, ...) are usable in scripts.
    RequiredAssemblies   = @('ZooKeeperPS.Client.dll')
    FormatsToProcess     = @('ZooKeeperPS.Format.ps1xml')

    Author               = 'ZooKeeperPS contributors'
    CompanyName          = 'ZooKeeperPS contributors'
    Copyright            = '(c) ZooKeeperPS contributors. MIT License.'
    Description          = 'Apache ZooKeeper from PowerShell: connect to a standalone server or an ensemble, create, read, update, list, watch and delete znodes with cmdlets that emit typed objects and work in the pipeline. Includes its own managed ZooKeeper client (3.5-3.9); no Java or native code needed on the client.'

    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Core', 'Desktop')

    CmdletsToExport      = @(
        'Connect-ZooKeeper'
        'Disconnect-ZooKeeper'
        'Get-ZkSession'
        'New-ZkNode'
        'Get-ZkNode'
        'Set-ZkNode'
        'Remove-ZkNode'
        'Get-ZkChildItem'
        'Register-ZkWatch'
        'Clear-ZooKeeper'
        'Get-ZkAcl'
        'Set-ZkAcl'
        'New-ZkAcl'
        'Add-ZkAuthentication'
        'Get-ZkIdentity'
        # Subtrees
        'Export-ZkTree'
        'Import-ZkTree'
        'Copy-ZkTree'
        'Compare-ZkTree'
        'Sync-ZkTree'
        # Servers and the ensemble (issue 13)
        'Get-ZkServer'
        'Test-ZkServer'
        'Invoke-ZkFourLetterWord'
        'Get-ZkConnection'
        'Get-ZkServerSession'
        'Get-ZkEnsembleConfig'
        'Set-ZkEnsembleConfig'
        # Operations: transactions, session-side facts, quotas
        'Invoke-ZkTransaction'
        'Test-ZkNode'
        'Get-ZkEphemeral'
        'Get-ZkQuota'
        'Set-ZkQuota'
        'Remove-ZkQuota'
        # Recipes (issue 17)
        'Invoke-ZkLock'
        'Lock-ZkPath'
        'Unlock-ZkPath'
        'Get-ZkLock'
        'Add-ZkCounter'
        'Get-ZkCounter'
        # Recipes: queues (issue 17)
        'Add-ZkQueueItem'
        'Receive-ZkQueueItem'
        'Complete-ZkQueueItem'
        'Unlock-ZkQueueItem'
        # Recipes: parties (issue 17)
        'Join-ZkParty'
        'Get-ZkPartyMember'
        'Exit-ZkParty'
        # Recipes: barriers (issue 17)
        'Wait-ZkBarrier'
        'Enter-ZkBarrier'
        'Exit-ZkBarrier'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()

    PrivateData          = @{
        PSData = @{
            Tags         = @('ZooKeeper', 'Apache', 'Zookeeper', 'Kazoo', 'Coordination', 'Distributed', 'Configuration',
                             'PSEdition_Core', 'PSEdition_Desktop', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/ZooKeeperPS/ZooKeeperPS'
            LicenseUri   = 'https://github.com/ZooKeeperPS/ZooKeeperPS/blob/main/LICENSE'
            ReleaseNotes = 'First release: Connect-ZooKeeper, Disconnect-ZooKeeper, Get-ZkSession, New-ZkNode, Get-ZkNode, Set-ZkNode, Remove-ZkNode, Get-ZkChildItem, Register-ZkWatch and Clear-ZooKeeper over a managed ZooKeeper client.'
        }
    }
}
