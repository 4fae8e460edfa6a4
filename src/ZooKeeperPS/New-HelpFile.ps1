#Requires -Version 7.2
<#
.SYNOPSIS
Writes en-US/ZooKeeperPS.dll-Help.xml (MAML) from HelpSource.psd1 and the built module's own metadata.

.DESCRIPTION
The words come from HelpSource.psd1; parameter types, positions, sets, pipeline input, defaults, input and output
types come from the cmdlets themselves, so the help cannot drift from the code. Run it after build.ps1 Build and
commit the result; tests/Pester/Help.Tests.ps1 checks that the committed file is current.

.EXAMPLE
dotnet pwsh -NoProfile -File src/ZooKeeperPS/New-HelpFile.ps1
#>
[CmdletBinding()]
param(
    [string] $ModuleManifest = (Join-Path $PSScriptRoot '../../out/ZooKeeperPS/ZooKeeperPS.psd1'),
    [string] $OutFile = (Join-Path $PSScriptRoot 'en-US/ZooKeeperPS.dll-Help.xml')
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version Latest

$source = Import-PowerShellDataFile (Join-Path $PSScriptRoot 'HelpSource.psd1')
$module = Import-Module $ModuleManifest -PassThru -Force

# Parameters every cmdlet of a kind shares get the same words.
$sharedParameters = @{
    Session = 'The session to use. The default is the default session of this runspace (the one the last Connect-ZooKeeper opened). Objects that the module emits carry their session, so piping them binds it by property name and the command acts on the same cluster; piped sessions bind by value, so Get-ZkSession | Get-ZkNode /x reads /x on every open session.'
    WhatIf  = 'Shows what would happen if the command ran, without changing anything.'
    Confirm = 'Asks for confirmation before each change.'
}
# The server cmdlets (Get-ZkServer, Test-ZkServer, ...) share these; a cmdlet's own words (Connect-ZooKeeper's) come first.
$serverParameters = @{
    ConnectionString     = 'The servers to ask, host:port[,host:port...], instead of the members of a session; a chroot is ignored. An array is read as more servers. Use the servers'' secureClientPort with -UseTls.'
    Timeout              = 'How long each server may take to answer: a TimeSpan or a number of seconds. The default is 5 seconds. The servers are asked at once.'
    Source               = 'Where to ask. Auto (the default): the four-letter words srvr and mntr, and the AdminServer when the server''s 4lw.commands.whitelist refuses them. FourLetterWords: only srvr and mntr. AdminServer: only the AdminServer (its monitor and server_stats commands).'
    AdminPort            = 'The port of the members'' AdminServer (their admin.serverPort), asked when the four-letter words are refused or -Source AdminServer says so. The default is 8080. With -UseTls it is asked over HTTPS.'
    UseTls               = 'Reaches the servers of -ConnectionString with TLS, as Connect-ZooKeeper -UseTls does: the port must be their secureClientPort, and the server certificate must match the host name and chain to the machine''s trust store or to -CertificateAuthority. A session''s members are reached the way the session reaches them, so the TLS parameters go with -ConnectionString only.'
    CertificateAuthority = 'The CA that signed the server certificates: a PEM or DER file path or an X509Certificate2, as for Connect-ZooKeeper. Needs -UseTls.'
    Certificate          = 'A client certificate for servers that ask for one (mutual TLS): an X509Certificate2 with its key, a PFX path (password in -CertificatePassword) or a PEM path (key in the same file or in -CertificateKeyPath). Needs -UseTls.'
    CertificatePassword  = 'The password of the -Certificate PFX file, as a SecureString. It is never written to any output.'
    CertificateKeyPath   = 'The PEM private key file of a -Certificate PEM file that does not hold its key.'
    SkipCertificateCheck = 'Accepts any server certificate (labs only; a warning says so). Needs -UseTls.'
}
$commonParameters = [System.Management.Automation.Cmdlet]::CommonParameters

$ns = @{
    maml    = 'http://schemas.microsoft.com/maml/2004/10'
    command = 'http://schemas.microsoft.com/maml/dev/command/2004/10'
    dev     = 'http://schemas.microsoft.com/maml/dev/2004/10'
}

function Get-DefaultText($Instance, [string] $Name, [type] $Type) {
    if ($Type -eq [switch]) { return 'False' }
    $value = $Instance.$Name
    if ($null -eq $value -or '' -eq $value -or ($value -is [int] -and $value -eq [int]::MaxValue)) { return 'None' }
    if ($value -is [System.Text.Encoding]) { return 'utf8' }
    if ($value -is [array]) { return $(if ($value.Count) { $value -join ', ' } else { 'None' }) }
    "$value"
}

function Get-PipelineText($Parameter) {
    $kinds = @(
        if ($Parameter.ValueFromPipeline) { 'ByValue' }
        if ($Parameter.ValueFromPipelineByPropertyName) { 'ByPropertyName' }
    )
    if ($kinds) { "True ($($kinds -join ', '))" } else { 'False' }
}

function Get-ParameterText([string] $Command, [string] $Name) {
    $own = $source[$Command].Parameters
    if ($own.ContainsKey($Name)) { return $own[$Name] }
    if ($sharedParameters.ContainsKey($Name)) { return $sharedParameters[$Name] }
    if ($serverParameters.ContainsKey($Name)) { return $serverParameters[$Name] }
    throw "HelpSource.psd1 has no description of $Command -$Name."
}

$settings = [System.Xml.XmlWriterSettings]@{ Indent = $true; Encoding = [System.Text.UTF8Encoding]::new($false) }
$null = New-Item (Split-Path $OutFile) -ItemType Directory -Force
$writer = [System.Xml.XmlWriter]::Create($OutFile, $settings)
try {
    function Para([string[]] $Text) {
        foreach ($line in $Text) { $writer.WriteElementString('maml', 'para', $ns.maml, $line) }
    }

    function Write-Parameter($Command, $Parameter, [type] $Type, [string] $DefaultText, [bool] $WithDetails) {
        # An optional value (TimeSpan? -Ttl) reads as its type: Nullable`1 tells a user nothing.
        $underlying = [Nullable]::GetUnderlyingType($Type)
        if ($underlying) { $Type = $underlying }
        $writer.WriteStartElement('command', 'parameter', $ns.command)
        $writer.WriteAttributeString('required', "$($Parameter.IsMandatory)".ToLowerInvariant())
        $writer.WriteAttributeString('variableLength', "$($Type.IsArray)".ToLowerInvariant())
        $wildcards = [bool]($Parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.SupportsWildcardsAttribute] })
        $writer.WriteAttributeString('globbing', "$wildcards".ToLowerInvariant())
        $writer.WriteAttributeString('pipelineInput', (Get-PipelineText $Parameter))
        $writer.WriteAttributeString('position', $(if ($Parameter.Position -ge 0) { "$($Parameter.Position)" } else { 'named' }))
        $writer.WriteAttributeString('aliases', $(if ($Parameter.Aliases.Count) { $Parameter.Aliases -join ', ' } else { 'none' }))
        $writer.WriteElementString('maml', 'name', $ns.maml, $Parameter.Name)
        $writer.WriteStartElement('maml', 'description', $ns.maml)
        Para (Get-ParameterText $Command $Parameter.Name)
        $writer.WriteEndElement()
        if ($Type -ne [switch]) {
            $writer.WriteStartElement('command', 'parameterValue', $ns.command)
            $writer.WriteAttributeString('required', 'true')
            $writer.WriteAttributeString('variableLength', "$($Type.IsArray)".ToLowerInvariant())
            $writer.WriteString($Type.Name)
            $writer.WriteEndElement()
        }
        if ($WithDetails) {
            $writer.WriteStartElement('dev', 'type', $ns.dev)
            $writer.WriteElementString('maml', 'name', $ns.maml, $Type.FullName)
            $writer.WriteEndElement()
            $writer.WriteElementString('dev', 'defaultValue', $ns.dev, $DefaultText)
        }
        $writer.WriteEndElement()
    }

    $writer.WriteStartElement('helpItems', 'http://msh')
    $writer.WriteAttributeString('schema', 'maml')
    foreach ($name in @($module.ExportedCmdlets.Keys | Sort-Object)) {
        if (-not $source.ContainsKey($name)) { throw "HelpSource.psd1 has no entry for $name." }
        $help = $source[$name]
        $command = Get-Command $name -Module $module.Name
        $instance = [Activator]::CreateInstance($command.ImplementingType)
        if (@($help.Examples).Count -lt 2) { throw "$name needs at least two examples in HelpSource.psd1." }

        $writer.WriteStartElement('command', 'command', $ns.command)
        $writer.WriteAttributeString('xmlns', 'maml', $null, $ns.maml)
        $writer.WriteAttributeString('xmlns', 'dev', $null, $ns.dev)

        $writer.WriteStartElement('command', 'details', $ns.command)
        $writer.WriteElementString('command', 'name', $ns.command, $name)
        $writer.WriteElementString('command', 'verb', $ns.command, $command.Verb)
        $writer.WriteElementString('command', 'noun', $ns.command, $command.Noun)
        $writer.WriteStartElement('maml', 'description', $ns.maml); Para $help.Synopsis; $writer.WriteEndElement()
        $writer.WriteEndElement()

        $writer.WriteStartElement('maml', 'description', $ns.maml); Para $help.Description; $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'syntax', $ns.command)
        foreach ($set in $command.ParameterSets) {
            $writer.WriteStartElement('command', 'syntaxItem', $ns.command)
            $writer.WriteElementString('maml', 'name', $ns.maml, $name)
            $ordered = $set.Parameters | Where-Object Name -NotIn $commonParameters |
                Sort-Object @{ Expression = { if ($_.Position -ge 0) { $_.Position } else { [int]::MaxValue } } },
                    @{ Expression = { $_.Name -in 'WhatIf', 'Confirm' } }, Name
            foreach ($parameter in $ordered) {
                Write-Parameter $name $parameter $parameter.ParameterType '' $false
            }
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        # Each parameter once, with the metadata of the first set that has it.
        $writer.WriteStartElement('command', 'parameters', $ns.command)
        $seen = @{}
        $parameters = foreach ($set in $command.ParameterSets) { $set.Parameters | Where-Object Name -NotIn $commonParameters }
        foreach ($parameter in ($parameters | Sort-Object Name)) {
            if ($seen.ContainsKey($parameter.Name)) { continue }
            $seen[$parameter.Name] = $true
            $default = if ($parameter.Name -in 'WhatIf', 'Confirm') { 'False' } else { Get-DefaultText $instance $parameter.Name $parameter.ParameterType }
            Write-Parameter $name $parameter $parameter.ParameterType $default $true
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'inputTypes', $ns.command)
        $inputTypes = $parameters | Where-Object { $_.ValueFromPipeline -or $_.ValueFromPipelineByPropertyName } |
            Group-Object { $_.ParameterType.FullName }
        foreach ($group in $inputTypes) {
            $writer.WriteStartElement('command', 'inputType', $ns.command)
            $writer.WriteStartElement('dev', 'type', $ns.dev)
            $writer.WriteElementString('maml', 'name', $ns.maml, $group.Name)
            $writer.WriteEndElement()
            $writer.WriteStartElement('maml', 'description', $ns.maml)
            $how = ($group.Group | ForEach-Object { "-$($_.Name) ($((Get-PipelineText $_) -replace '^True \((.*)\)$', '$1'))" } | Select-Object -Unique) -join ', '
            Para "Binds to $how."
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'returnValues', $ns.command)
        foreach ($type in $command.OutputType | Where-Object { $_.Type -ne [void] }) {
            $writer.WriteStartElement('command', 'returnValue', $ns.command)
            $writer.WriteStartElement('dev', 'type', $ns.dev)
            $writer.WriteElementString('maml', 'name', $ns.maml, $type.Name)
            $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'examples', $ns.command)
        $number = 0
        foreach ($example in $help.Examples) {
            $number++
            $writer.WriteStartElement('command', 'example', $ns.command)
            $writer.WriteElementString('maml', 'title', $ns.maml, "-------------------------- Example $number --------------------------")
            $writer.WriteElementString('dev', 'code', $ns.dev, $example.Code)
            $writer.WriteStartElement('dev', 'remarks', $ns.dev); Para $example.Remarks; $writer.WriteEndElement()
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteStartElement('command', 'relatedLinks', $ns.command)
        foreach ($link in $help.Links) {
            $writer.WriteStartElement('maml', 'navigationLink', $ns.maml)
            $writer.WriteElementString('maml', 'linkText', $ns.maml, $link)
            $writer.WriteElementString('maml', 'uri', $ns.maml, '')
            $writer.WriteEndElement()
        }
        $writer.WriteEndElement()

        $writer.WriteEndElement()
    }
    $writer.WriteEndElement()
}
finally {
    $writer.Dispose()
}
Write-Host "Help written to $OutFile"
