# Starts real ZooKeeper servers for Pester tests through the test harness library, and imports the built module.
# Servers are shared per pwsh process (a JVM start costs seconds): Start-TestZooKeeper and Start-TestZooKeeperEnsemble
# hand out the same server each time unless -Dedicated asks for one of its own (for tests that stop or kill it).
# Tests isolate themselves under Get-TestUniqueRoot. Wait-Until polls with a deadline; Start-InRunspace and
# Complete-InRunspace run work that could hang (or must be stopped, as Ctrl+C would) in a second runspace, optionally
# on a RecordingHost (New-RecordingHost) that keeps what the user would have seen and refuses every prompt.

$RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$HarnessDll = Join-Path $RepoRoot 'out/TestHarness/ZooKeeperPS.TestHarness.dll'
$ModuleManifest = Join-Path $RepoRoot 'out/ZooKeeperPS/ZooKeeperPS.psd1'

if (-not (Test-Path $HarnessDll)) {
    throw "The test harness is not built ($HarnessDll). Run: dotnet pwsh -NoProfile -File build.ps1 Build"
}
Add-Type -Path $HarnessDll
if (-not ('ZooKeeperPS.PesterTests.RecordingHost' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'RecordingHost.cs')
}

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

function Wait-Until {
    <#
    .SYNOPSIS
    Polls a condition until it is true; throws "Not within N s: <What>" when the deadline passes first, so that a
    test fails there and says what it waited for.
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [scriptblock] $Condition,
        [Parameter(Position = 1)] [int] $Seconds = 10,
        [Parameter(Position = 2)] [string] $What = "$Condition".Trim()
    )
    $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
    # The condition runs in the caller's scope (it is the caller's script block); the sleeps happen on the caller's
    # pipeline thread, where PowerShell also runs event -Action blocks.
    while (-not (& $Condition)) {
        if ([DateTime]::UtcNow -gt $deadline) { throw "Not within $Seconds s: $What" }
        Start-Sleep -Milliseconds 50
    }
}

function Get-TestConnectionLog {
    <#
    .SYNOPSIS
    Takes what a session's connection log holds (connects, failures, disconnects: what -Verbose would show next), so a
    test that waits for a reconnect in vain can say why.
    #>
    [OutputType([string])]
    param([Parameter(Mandatory, Position = 0)] [ZooKeeperPS.ZkSession] $Session)
    $log = [ZooKeeperPS.ZkSession].GetProperty('Log', [Reflection.BindingFlags]'NonPublic, Instance').GetValue($Session)
    $message = ''
    while ($log.TryTake([ref] $message)) { $message }
}

function New-RecordingHost {
    <# .SYNOPSIS A host for Start-InRunspace -TestHost: .Lines is what it was given to show, .Prompts what it was asked. #>
    [OutputType([ZooKeeperPS.PesterTests.RecordingHost])]
    param()
    [ZooKeeperPS.PesterTests.RecordingHost]::new()
}

function Start-InRunspace {
    <#
    .SYNOPSIS
    Starts a script in a new runspace with the built module loaded; its output collects in .Output as it comes.
    Stop it with .Shell.BeginStop (as Ctrl+C would), or wait for it with Complete-InRunspace.
    #>
    param(
        [Parameter(Mandatory, Position = 0)] [scriptblock] $Script,
        [Parameter(Position = 1)] [hashtable] $Parameters = @{},
        # The runspace's host (New-RecordingHost); without one it gets a default host that cannot prompt either but
        # keeps nothing it is given.
        [System.Management.Automation.Host.PSHost] $TestHost
    )
    $state = [System.Management.Automation.Runspaces.InitialSessionState]::CreateDefault2()
    $state.ImportPSModule($ModuleManifest)
    $runspace = $null
    if ($TestHost) {
        $runspace = [runspacefactory]::CreateRunspace($TestHost, $state)
        $runspace.Open()
        $shell = [powershell]::Create()
        $shell.Runspace = $runspace
    }
    else {
        $shell = [powershell]::Create($state)
    }
    $null = $shell.AddScript($Script.ToString()).AddParameters($Parameters)
    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    $running = $shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]$null, $output)
    [pscustomobject]@{ Shell = $shell; Runspace = $runspace; Running = $running; Output = $output }
}

function Complete-InRunspace {
    <#
    .SYNOPSIS
    Waits for a script from Start-InRunspace until its deadline (stopping it and throwing when that passes), then
    returns its output and its error records and disposes of the runspace. A terminating error of the script is
    thrown here.
    #>
    param([Parameter(Mandatory, Position = 0)] $Started, [int] $Seconds = 60)
    try {
        if (-not $Started.Running.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($Seconds))) {
            $null = $Started.Shell.BeginStop($null, $null)
            throw "The script did not finish within its deadline of $Seconds s."
        }
        $null = $Started.Shell.EndInvoke($Started.Running)
        [pscustomobject]@{ Output = @($Started.Output); Errors = @($Started.Shell.Streams.Error) }
    }
    finally {
        $Started.Shell.Dispose()
        if ($Started.Runspace) { $Started.Runspace.Dispose() }
    }
}

# kazoo clients that the tests start; Stop-KazooScript kills those of this test file still running.
$KazooProcesses = [System.Collections.Generic.List[System.Diagnostics.Process]]::new()

function Start-KazooScript {
    <#
    .SYNOPSIS
    Starts a test's kazoo script with /usr/bin/python3 (which has Debian's python3-kazoo), with ZK_HOSTS and
    ZK_SESSION_TIMEOUT (seconds) in its environment; returns its process and what it writes, as it comes. Wait-Kazoo
    returns its output lines.
    #>
    param([string] $Script, [string] $Hosts, [string[]] $Arguments, [int] $SessionTimeout = 10)

    $info = [System.Diagnostics.ProcessStartInfo]::new('/usr/bin/python3')
    $info.ArgumentList.Add($Script)
    foreach ($argument in $Arguments) { $info.ArgumentList.Add($argument) }
    $info.Environment['ZK_HOSTS'] = $Hosts
    $info.Environment['ZK_SESSION_TIMEOUT'] = "$SessionTimeout"
    $info.RedirectStandardOutput = $true
    $info.RedirectStandardError = $true
    $process = [System.Diagnostics.Process]::Start($info)
    $KazooProcesses.Add($process)
    [pscustomobject]@{ Process = $process; Output = $process.StandardOutput.ReadToEndAsync(); Errors = $process.StandardError.ReadToEndAsync() }
}

function Wait-Kazoo {
    <#
    .SYNOPSIS
    Waits for a kazoo script from Start-KazooScript to end (killing it after -Seconds) and returns its output lines;
    throws with its error output when it failed.
    #>
    param($Kazoo, [int] $Seconds = 60)

    if (-not $Kazoo.Process.WaitForExit($Seconds * 1000)) { $Kazoo.Process.Kill(); throw "kazoo did not finish within $Seconds s" }
    $Kazoo.Process.WaitForExit()
    if ($Kazoo.Process.ExitCode -ne 0) { throw "kazoo failed: $($Kazoo.Errors.Result)" }
    $Kazoo.Output.Result -split '\r?\n' | Where-Object { $_ }
}

function Stop-KazooScript {
    # Kills the kazoo scripts this module started that still run (a test that failed before waiting for them).
    foreach ($process in $KazooProcesses) { if (-not $process.HasExited) { $process.Kill() } }
    $KazooProcesses.Clear()
}

Export-ModuleMember -Function Start-TestZooKeeper, Start-TestZooKeeperEnsemble, Stop-TestZooKeeper, Get-TestUniqueRoot,
    Import-TestModule, Wait-Until, Get-TestConnectionLog, New-RecordingHost, Start-InRunspace, Complete-InRunspace, Start-KazooScript, Wait-Kazoo,
    Stop-KazooScript
