# What Defects.Tests.ps1 needs beyond TestHelper.psm1, dot-sourced in its BeforeAll (so $zk, $session and $module
# are the file's): kazoo on the same server, a check of the format views, a runner for help examples, a tracer for
# the tour, and the about topic as a fresh pwsh sees it.

function Invoke-Kazoo([string] $Body, [string[]] $Arguments) {
    # Runs Python with a started kazoo client 'zk' (authenticated as digest owner:secret) and the arguments in 'args'.
    $indented = ($Body.Trim() -split "`r?`n" | ForEach-Object { "    $_" }) -join "`n"
    $script = @"
import json, logging, sys
logging.disable(logging.CRITICAL)
from kazoo.client import KazooClient
from kazoo.security import make_acl, make_digest_acl
args = sys.argv[2:]
zk = KazooClient(hosts=sys.argv[1], auth_data=[('digest', 'owner:secret')])
zk.start(timeout=15)
try:
$indented
finally:
    zk.stop()
    zk.close()
"@
    $output = & /usr/bin/python3 -c $script $zk.ConnectionString @Arguments 2>&1
    if ($LASTEXITCODE -ne 0) { throw "kazoo failed: $($output -join "`n")" }
    $output
}

function Read-WithKazoo([string[]] $Path) {
    # The data of each node as kazoo reads it: 'None' for null data, otherwise its bytes as '[0,255,...]'.
    $json = Invoke-Kazoo 'print(json.dumps({p: None if d is None else list(d) for p in args for d in [zk.get(p)[0]]}))' $Path |
        ConvertFrom-Json -AsHashtable
    $read = @{}
    foreach ($key in $json.Keys) {
        $bytes = $json[$key]
        $read[$key] = if ($null -eq $bytes) { 'None' } else { '[' + ($bytes -join ',') + ']' }
    }
    $read
}

function Get-FormatColumnProblem($Module) {
    # Every table view in the module's format files: each column header must be a property of the view's type.
    foreach ($file in $Module.ExportedFormatFiles) {
        foreach ($view in ([xml](Get-Content $file -Raw)).Configuration.ViewDefinitions.View) {
            if (-not $view.TableControl) { continue }
            $headers = @($view.TableControl.TableHeaders.TableColumnHeader)
            $items = @(@($view.TableControl.TableRowEntries.TableRowEntry)[0].TableColumnItems.TableColumnItem)
            foreach ($typeName in @($view.ViewSelectedBy.TypeName)) {
                $type = $typeName -as [type]
                $properties = @($type.GetProperties().Name) + @((Get-TypeData $typeName).Members.Keys | Where-Object { $_ })
                for ($i = 0; $i -lt $headers.Count; $i++) {
                    $label = if ($headers[$i].Label) { $headers[$i].Label } else { $items[$i].PropertyName }
                    if ($label -notin $properties) {
                        "view $($view.Name): the column '$label' is not a property of $typeName (it has $($properties -join ', '))"
                    }
                }
            }
        }
    }
}

function New-ConnectRedirect([string] $Target) {
    # A Connect-ZooKeeper function (it takes precedence over the cmdlet) that connects to $Target, keeping the chroot
    # the caller gave beneath it: an example's hosts (zk1:2181, ...) are never contacted.
    $metadata = [System.Management.Automation.CommandMetadata]::new((Get-Command Connect-ZooKeeper -CommandType Cmdlet))
    @"
function Connect-ZooKeeper {
    $([System.Management.Automation.ProxyCommand]::GetCmdletBindingAttribute($metadata))
    param($([System.Management.Automation.ProxyCommand]::GetParamBlock($metadata)))
    process {
        `$given = if (`$PSBoundParameters.ContainsKey('ConnectionString')) { `$ConnectionString } else { '127.0.0.1:2181' }
        `$PSBoundParameters['ConnectionString'] = '$Target' + (`$given -replace '^[^/]*')
        ZooKeeperPS\Connect-ZooKeeper @PSBoundParameters
    }
}
"@
}

function Invoke-HelpExample([string] $Code) {
    # Runs an example as written in a new runspace, after Connect-ZooKeeper to a fresh empty chroot (a fresh server
    # as far as the example can tell), in an empty folder, on a host that refuses prompts. Its first error stops it
    # (so that an example that failed does not go on to wait for events); returns that error and any prompts.
    if ($Code -match 'ZooKeeperPS\\|ConnectAsync') {
        throw "The example connects around Connect-ZooKeeper, so the test cannot keep it on the test server:`n$Code"
    }
    $chroot = '/example-' + [guid]::NewGuid().ToString('N')
    $null = New-ZkNode $chroot -Session $session
    $target = $zk.ConnectionString + $chroot
    $folder = New-Item (Join-Path $TestDrive ([guid]::NewGuid().ToString('N'))) -ItemType Directory
    $recorder = New-RecordingHost
    $runner = {
        param($Target, $Redirect, $Code, $Folder)
        Set-Location $Folder
        . ([scriptblock]::Create($Redirect))
        $null = ZooKeeperPS\Connect-ZooKeeper $Target
        $ErrorActionPreference = 'Stop'
        try { $null = . ([scriptblock]::Create($Code)) }
        finally { Get-ZkSession | ZooKeeperPS\Disconnect-ZooKeeper }
    }
    try {
        $run = Start-InRunspace -TestHost $recorder $runner @{ Target = $target; Redirect = (New-ConnectRedirect $target); Code = $Code; Folder = $folder.FullName }
        $errors = @((Complete-InRunspace $run -Seconds 90).Errors | ForEach-Object { "$($_.FullyQualifiedErrorId): $_" })
    }
    catch {
        # The example's first error, which stopped it (or the deadline).
        $failure = $_.Exception.GetBaseException()
        $errors = @(if ($failure.ErrorRecord) { "$($failure.ErrorRecord.FullyQualifiedErrorId): $($failure.ErrorRecord)" } else { $failure.Message })
    }
    finally {
        Remove-ZkNode $chroot -Recurse -Session $session
    }
    [pscustomobject]@{ Errors = $errors; Prompts = $recorder.Prompts }
}

function New-TracingProxy([string] $Name) {
    # A global function in front of the cmdlet that writes "<U+0001>ran {json}" to the host (in order with what the
    # tour prints) with the parameters given on the command line, then runs the cmdlet unchanged.
    $cmdlet = Get-Command $Name -CommandType Cmdlet
    $metadata = [System.Management.Automation.CommandMetadata]::new($cmdlet)
    # Module-qualified, so that the cmdlet is found (and its module loaded) although this function hides it.
    $qualified = "$($cmdlet.ModuleName)\$Name"
    @"
function global:$Name {
    $([System.Management.Automation.ProxyCommand]::GetCmdletBindingAttribute($metadata))
    param($([System.Management.Automation.ProxyCommand]::GetParamBlock($metadata)))
    begin {
        `$given = [ordered]@{}
        foreach (`$key in `$PSBoundParameters.Keys) { `$given[`$key] = "`$(`$PSBoundParameters[`$key])" }
        `$Host.UI.WriteLine([char]1 + 'ran ' + (@{ Name = '$Name'; Parameters = `$given } | ConvertTo-Json -Compress))
        `$pipeline = { & '$qualified' @PSBoundParameters }.GetSteppablePipeline(`$MyInvocation.CommandOrigin)
        `$pipeline.Begin(`$PSCmdlet)
    }
    process { `$pipeline.Process(`$_) }
    end { `$pipeline.End() }
}
"@
}

function Get-TracedCall([string] $Text, [string[]] $Traced) {
    # The calls of traced cmdlets in a command line, with their parameters as bound; $null for a value that is not
    # a constant (it is not compared).
    $ast = [System.Management.Automation.Language.Parser]::ParseInput($Text, [ref] $null, [ref] $null)
    foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        # A command invoked by expression (& $block, . $block) has no name to resolve.
        if (-not $command.GetCommandName()) { continue }
        $resolved = Get-Command $command.GetCommandName() -ErrorAction Ignore
        if ($resolved.CommandType -eq 'Alias') { $resolved = $resolved.ResolvedCommand }
        if ($resolved.Name -notin $Traced) { continue }
        $parameters = @{}
        $binding = [System.Management.Automation.Language.StaticParameterBinder]::BindCommand($command, $true)
        foreach ($key in $binding.BoundParameters.Keys) {
            $constant = $binding.BoundParameters[$key].ConstantValue
            $parameters[$key] = if ($null -ne $constant) { "$constant" } else { $null }
        }
        @{ Name = $resolved.Name; Parameters = $parameters }
    }
}

function Invoke-TracedTour([string] $Tour, [string] $ConnectionString) {
    # Runs the tour on a recording host with a tracing proxy in front of every ZooKeeperPS cmdlet and every other
    # cmdlet that the tour names (but Core and display cmdlets), and returns its steps: the line after each "PS> ",
    # the traced calls in that line, and the traced calls that ran until the next "PS> " line.
    $ast = [System.Management.Automation.Language.Parser]::ParseFile((Resolve-Path $Tour).Path, [ref] $null, [ref] $null)
    $named = foreach ($command in $ast.FindAll({ $args[0] -is [System.Management.Automation.Language.CommandAst] }, $true)) {
        # A command invoked by expression (& $block, . $block) has no name to resolve.
        if (-not $command.GetCommandName()) { continue }
        $resolved = Get-Command $command.GetCommandName() -ErrorAction Ignore
        if ($resolved.CommandType -eq 'Alias') { $resolved = $resolved.ResolvedCommand }
        if ($resolved.CommandType -eq 'Cmdlet' -and $resolved.ModuleName -ne 'Microsoft.PowerShell.Core' -and
            $resolved.Name -notmatch '^(Out|Format)-|^Write-Host$') { $resolved.Name }
    }
    $traced = @(@($module.ExportedCmdlets.Keys) + @($named) | Sort-Object -Unique)
    $recorder = New-RecordingHost
    $run = Start-InRunspace -TestHost $recorder {
        param($Tour, $ConnectionString, $Proxies)
        foreach ($proxy in $Proxies) { . ([scriptblock]::Create($proxy)) }
        & $Tour -ConnectionString $ConnectionString
    } @{ Tour = (Resolve-Path $Tour).Path; ConnectionString = $ConnectionString; Proxies = @($traced | ForEach-Object { New-TracingProxy $_ }) }
    $null = Complete-InRunspace $run -Seconds 120

    $step = [pscustomobject]@{ Shown = $null; ShownCalls = @(); Ran = [System.Collections.Generic.List[object]]::new() }
    $step
    foreach ($line in $recorder.Lines) {
        if ($line.StartsWith('PS> ')) {
            $shown = $line.Substring(4)
            $step = [pscustomobject]@{ Shown = $shown; ShownCalls = @(Get-TracedCall $shown $traced); Ran = [System.Collections.Generic.List[object]]::new() }
            $step
        }
        elseif ($line.StartsWith([char]1 + 'ran ')) {
            $step.Ran.Add(($line.Substring(5) | ConvertFrom-Json -AsHashtable))
        }
    }
}

function Get-TourProblem {
    # What a step of the tour shows that did not run as shown, and the ZooKeeperPS calls it ran without showing.
    param([Parameter(ValueFromPipeline)] $Step)
    process {
        foreach ($ran in $Step.Ran) {
            if ($ran.Name -in $module.ExportedCmdlets.Keys -and -not ($Step.ShownCalls | Where-Object { Test-SameCall $ran $_ })) {
                $where = if ($null -eq $Step.Shown) { 'before its first "PS> " line' } else { "after 'PS> $($Step.Shown)'" }
                "$where the tour also ran '$(Format-Call $ran)', which it does not show"
            }
        }
        foreach ($shown in $Step.ShownCalls) {
            if (-not ($Step.Ran | Where-Object { Test-SameCall $_ $shown })) {
                $instead = @($Step.Ran | Where-Object Name -EQ $shown.Name | ForEach-Object { "'$(Format-Call $_)'" }) -join ', '
                "the tour shows 'PS> $($Step.Shown)' but ran $(if ($instead) { $instead } else { "no $($shown.Name)" })"
            }
        }
    }
}

function Test-SameCall($Ran, $Shown) {
    if ($Ran.Name -ne $Shown.Name) { return $false }
    $names = { param($c) @($c.Parameters.Keys | Sort-Object) -join ',' }
    if ((& $names $Ran) -ne (& $names $Shown)) { return $false }
    foreach ($key in $Shown.Parameters.Keys) {
        if ($null -ne $Shown.Parameters[$key] -and $Shown.Parameters[$key] -ne $Ran.Parameters[$key]) { return $false }
    }
    $true
}

function Format-Call($Call) {
    (@($Call.Name) + @($Call.Parameters.Keys | ForEach-Object { "-$_ $($Call.Parameters[$_])" })) -join ' '
}

function Get-AboutTopicInFreshShell($Module) {
    # Get-Help about_ZooKeeperPS and each cmdlet's related links, in a new pwsh that imports the built module.
    $manifest = Join-Path $Module.ModuleBase 'ZooKeeperPS.psd1'
    $probe = @"
Import-Module '$manifest'
`$topic = Get-Help about_ZooKeeperPS -ErrorAction SilentlyContinue -ErrorVariable missing | Out-String -Width 4000
`$links = @{}
foreach (`$name in (Get-Command -Module ZooKeeperPS).Name) { `$links[`$name] = @((Get-Help `$name).relatedLinks.navigationLink.linkText) }
@{ Found = (-not `$missing) -and [bool]"`$topic".Trim(); Topic = if (`$missing) { "`$missing" } else { `$topic }; Links = `$links } | ConvertTo-Json -Depth 3
"@
    & dotnet pwsh -NoProfile -NonInteractive -Command $probe | ConvertFrom-Json -AsHashtable
}
