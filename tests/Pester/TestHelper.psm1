# Starts real ZooKeeper servers for Pester tests through the test harness library, and imports the built module.
# Servers are shared per pwsh process (a JVM start costs seconds): Start-TestZooKeeper and Start-TestZooKeeperEnsemble
# hand out the same server each time unless -Dedicated asks for one of its own (for tests that stop or kill it).
# Tests isolate themselves under Get-TestUniqueRoot.

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$HarnessDll = Join-Path $RepoRoot 'out/TestHarness/ZooKeeperPS.TestHarness.dll'
$ModuleManifest = Join-Path $RepoRoot 'out/ZooKeeperPS/ZooKeeperPS.psd1'

if (-not (Test-Path $HarnessDll)) {
    throw "The test harness is not built ($HarnessDll). Run: dotnet pwsh -NoProfile -File build.ps1 Build"
}
Add-Type -Path $HarnessDll

# Kept in the AppDomain rather than in module variables so that 'Import-Module TestHelper.psm1 -Force' in the next
# test file finds the same servers instead of starting new ones.
$SharedServerSlot = 'ZooKeeperPS.Tests.SharedServer'
$SharedEnsembleSlot = 'ZooKeeperPS.Tests.SharedEnsemble'

function Start-TestZooKeeper {
    <#
    .SYNOPSIS
    Returns a running standalone ZooKeeperServer: the one shared by this pwsh process, or with -Dedicated a new one
    that the caller stops with Stop-TestZooKeeper.
    #>
    [OutputType([ZooKeeperPS.TestHarness.ZooKeeperServer])]
    param([switch] $Dedicated)

    if ($Dedicated) {
        return [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone()
    }

    $server = [AppDomain]::CurrentDomain.GetData($SharedServerSlot)
    if ($null -eq $server) {
        $server = [ZooKeeperPS.TestHarness.ZooKeeperServer]::StartStandalone()
        [AppDomain]::CurrentDomain.SetData($SharedServerSlot, $server)
    }
    elseif (-not $server.IsRunning) {
        $server.Start()
    }
    $server
}

function Start-TestZooKeeperEnsemble {
    <#
    .SYNOPSIS
    Returns a running 3-server ZooKeeperEnsemble: the one shared by this pwsh process, or with -Dedicated a new one
    that the caller stops with Stop-TestZooKeeper. A test that stops a member of the shared ensemble starts it again.
    #>
    [OutputType([ZooKeeperPS.TestHarness.ZooKeeperEnsemble])]
    param([switch] $Dedicated)

    if ($Dedicated) {
        return [ZooKeeperPS.TestHarness.ZooKeeperEnsemble]::Start(3)
    }

    $ensemble = [AppDomain]::CurrentDomain.GetData($SharedEnsembleSlot)
    if ($null -eq $ensemble) {
        $ensemble = [ZooKeeperPS.TestHarness.ZooKeeperEnsemble]::Start(3)
        [AppDomain]::CurrentDomain.SetData($SharedEnsembleSlot, $ensemble)
    }
    $ensemble
}

function Stop-TestZooKeeper {
    <#
    .SYNOPSIS
    Stops a dedicated server or ensemble and deletes its data. The shared ones stay up for the next test file; the
    harness stops them when the process exits.
    #>
    param([Parameter(Mandatory, Position = 0)] [object] $Server)

    $shared = @([AppDomain]::CurrentDomain.GetData($SharedServerSlot), [AppDomain]::CurrentDomain.GetData($SharedEnsembleSlot))
    if ($shared -notcontains $Server) {
        $Server.Dispose()
    }
}

function Get-TestUniqueRoot {
    <# .SYNOPSIS A fresh absolute znode path (not created) for one test to work under. #>
    [OutputType([string])]
    param()
    '/test-' + [guid]::NewGuid().ToString('N')
}

function Import-TestModule {
    <# .SYNOPSIS Imports the module that build.ps1 Build assembled in out/ZooKeeperPS, into the global scope. #>
    if (-not (Test-Path $ModuleManifest)) {
        throw "The module is not built ($ModuleManifest). Run: dotnet pwsh -NoProfile -File build.ps1 Build"
    }
    Import-Module $ModuleManifest -Global -Force -PassThru
}

Export-ModuleMember -Function Start-TestZooKeeper, Start-TestZooKeeperEnsemble, Stop-TestZooKeeper, Get-TestUniqueRoot, Import-TestModule
