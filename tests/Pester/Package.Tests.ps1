# The Gallery package that build.ps1 Package leaves in out/: installed from a local file repository into an empty
# module path, it imports in a fresh pwsh and exports exactly the cmdlets that the manifest names.

BeforeAll {
    $repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $manifest = Import-PowerShellDataFile (Join-Path $repoRoot 'ZooKeeperPS.psd1')
    $package = Get-ChildItem (Join-Path $repoRoot 'out') -Filter 'ZooKeeperPS.*.nupkg' | Select-Object -First 1
    if (-not $package) {
        throw 'No package in out/. Run: dotnet pwsh -NoProfile -File build.ps1 Package'
    }

    $work = Join-Path ([IO.Path]::GetTempPath()) ('zkps-package-' + [guid]::NewGuid().ToString('N').Substring(0, 8))
    $repositoryFolder = Join-Path $work 'repository'
    $modulePath = Join-Path $work 'modules'
    $null = New-Item $repositoryFolder, $modulePath -ItemType Directory
    Copy-Item $package.FullName $repositoryFolder

    $repositoryName = Split-Path $work -Leaf
    Register-PSResourceRepository -Name $repositoryName -Uri $repositoryFolder -Trusted
    try {
        Save-PSResource -Name ZooKeeperPS -Repository $repositoryName -Path $modulePath -TrustRepository
    }
    finally {
        Unregister-PSResourceRepository -Name $repositoryName
    }

    # A fresh pwsh that can find ZooKeeperPS only in the empty module path we installed into.
    $probe = {
        $module = Import-Module ZooKeeperPS -PassThru -ErrorAction Stop
        [pscustomobject]@{
            Version    = $module.Version.ToString()
            ModuleBase = $module.ModuleBase
            Cmdlets    = @($module.ExportedCmdlets.Keys | Sort-Object)
            Functions  = @($module.ExportedFunctions.Keys)
            Aliases    = @($module.ExportedAliases.Keys)
            Variables  = @($module.ExportedVariables.Keys)
            Commands   = @(Get-Command -Module ZooKeeperPS | ForEach-Object Name | Sort-Object)
        } | ConvertTo-Json -Compress
    }
    $savedModulePath = $env:PSModulePath
    $env:PSModulePath = $modulePath
    Push-Location $repoRoot
    try {
        $output = & dotnet pwsh -NoProfile -NonInteractive -Command $probe.ToString() 2>&1
        $probeExitCode = $LASTEXITCODE
    }
    finally {
        Pop-Location
        $env:PSModulePath = $savedModulePath
    }
    $imported = if ($probeExitCode -eq 0) { ($output | Select-Object -Last 1) | ConvertFrom-Json }
}

AfterAll {
    if ($work) { Remove-Item $work -Recurse -Force -ErrorAction Ignore }
}

Describe 'The ZooKeeperPS package' {
    It 'installs into an empty module path with the manifest version' {
        Test-Path (Join-Path $modulePath "ZooKeeperPS/$($manifest.ModuleVersion)/ZooKeeperPS.psd1") | Should -BeTrue
    }

    It 'imports in a fresh pwsh from that module path' {
        $probeExitCode | Should -Be 0 -Because ($output | Out-String)
        $imported.Version | Should -Be $manifest.ModuleVersion
        $imported.ModuleBase | Should -BeLike "$modulePath*"
    }

    It 'exports no functions, aliases or variables, and no command that the manifest does not name' {
        $imported.Functions | Should -BeNullOrEmpty
        $imported.Aliases | Should -BeNullOrEmpty
        $imported.Variables | Should -BeNullOrEmpty
        $imported.Commands | Where-Object { $_ -notin $manifest.CmdletsToExport } | Should -BeNullOrEmpty
    }

    It 'exports every cmdlet that the manifest names' {
        $imported.Cmdlets | Should -Be ($manifest.CmdletsToExport | Sort-Object)
    }

    It 'carries the files the module needs' {
        $installed = Join-Path $modulePath "ZooKeeperPS/$($manifest.ModuleVersion)"
        foreach ($file in @('ZooKeeperPS.dll', 'ZooKeeperPS.Client.dll', 'LICENSE', 'en-US/ZooKeeperPS.dll-Help.xml', 'en-US/about_ZooKeeperPS.help.txt') + $manifest.FormatsToProcess) {
            Test-Path (Join-Path $installed $file) | Should -BeTrue -Because "$file belongs in the package"
        }
    }
}

Describe 'The installed package in use' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
        $zk = Start-TestZooKeeper
        $root = Get-TestUniqueRoot
    }

    AfterAll {
        Stop-TestZooKeeper $zk
    }

    It 'connects, writes, reads and shows help from a fresh pwsh that finds only the installed module' {
        $use = "
            `$null = Connect-ZooKeeper $($zk.ConnectionString)
            `$null = New-ZkNode $root -Value 'installed'
            (Get-ZkNode $root).Value
            Remove-ZkNode $root
            Disconnect-ZooKeeper
            (Get-Help Get-ZkNode).Synopsis
            @(Get-Help Get-ZkNode -Examples).examples.example.Count
        "
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = $modulePath
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -Command $use 2>&1
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }

        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $output[0] | Should -Be 'installed'
        $output[1] | Should -Be 'Gets the data and stat of znodes.'
        [int]$output[2] | Should -BeGreaterOrEqual 2
    }

    It 'finds about_ZooKeeperPS with Get-Help in a fresh pwsh that finds only the installed module, without importing it' {
        $use = "
            (Get-Help about_ZooKeeperPS | Out-String) -match 'PIPELINES BETWEEN SESSIONS'
            @((Get-Help Connect-ZooKeeper).relatedLinks.navigationLink.linkText) -contains 'about_ZooKeeperPS'
        "
        $savedModulePath = $env:PSModulePath
        $env:PSModulePath = $modulePath
        try {
            $output = & dotnet pwsh -NoProfile -NonInteractive -Command $use 2>&1
        }
        finally {
            $env:PSModulePath = $savedModulePath
        }

        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)
        $output | Should -Be 'True', 'True'
    }
}
