# Help for every exported cmdlet, as a user sees it with Get-Help -Full in a fresh pwsh: a synopsis, a
# description, every parameter described, at least two examples. And the committed help file is current.

BeforeDiscovery {
    # The manifest names the cmdlets; 'covers every exported cmdlet' checks that the built module agrees.
    $manifestData = Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../ZooKeeperPS.psd1')
    $cases = $manifestData.CmdletsToExport | Sort-Object | ForEach-Object { @{ Name = $_ } }
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelper.psm1') -Force
    $module = Import-TestModule
    $manifest = Join-Path $module.ModuleBase 'ZooKeeperPS.psd1'

    $probe = @"
Import-Module '$manifest'
`$common = [System.Management.Automation.Cmdlet]::CommonParameters
`$items = foreach (`$command in Get-Command -Module ZooKeeperPS) {
    `$help = Get-Help `$command.Name -Full
    [pscustomobject]@{
        Name        = `$command.Name
        Synopsis    = "`$(`$help.Synopsis)".Trim()
        Description = (`$help.description.Text -join ' ').Trim()
        Examples    = @(`$help.examples.example).Count
        Described   = @(`$help.parameters.parameter | Where-Object { (`$_.description.Text -join '').Trim() } | ForEach-Object name)
        Parameters  = @(`$command.Parameters.Keys | Where-Object { `$_ -notin `$common })
    }
}
"@
    $json = & dotnet pwsh -NoProfile -NonInteractive -Command "$probe`n`$items | ConvertTo-Json -Depth 3"
    $helpByName = @{}
    foreach ($item in ($json | ConvertFrom-Json)) { $helpByName[$item.Name] = $item }
}

Describe 'Help' {
    It 'covers every exported cmdlet' {
        $helpByName.Keys | Sort-Object | Should -Be ($module.ExportedCmdlets.Keys | Sort-Object)
    }

    It '<Name> has a synopsis and a description' -ForEach $cases {
        $help = $helpByName[$Name]
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^$Name "   # what PowerShell shows when there is no help: the syntax
        $help.Description.Length | Should -BeGreaterThan 40
    }

    It '<Name> describes every parameter' -ForEach $cases {
        $help = $helpByName[$Name]
        foreach ($parameter in $help.Parameters) {
            $help.Described | Should -Contain $parameter -Because "-$parameter of $Name needs a description"
        }
    }

    It '<Name> has at least two examples' -ForEach $cases {
        $helpByName[$Name].Examples | Should -BeGreaterOrEqual 2
    }

    It 'is generated from HelpSource.psd1 and the current cmdlets (run src/ZooKeeperPS/New-HelpFile.ps1 after changing either)' {
        $source = Join-Path $PSScriptRoot '../../src/ZooKeeperPS'
        $fresh = Join-Path $TestDrive 'help.xml'
        $output = & dotnet pwsh -NoProfile -NonInteractive -File (Join-Path $source 'New-HelpFile.ps1') -ModuleManifest $manifest -OutFile $fresh 2>&1
        $LASTEXITCODE | Should -Be 0 -Because ($output | Out-String)

        Get-Content $fresh -Raw | Should -BeExactly (Get-Content (Join-Path $source 'en-US/ZooKeeperPS.dll-Help.xml') -Raw)
    }
}
