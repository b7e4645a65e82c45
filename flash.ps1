#!/usr/bin/env pwsh
#Requires -Version 7.0
<#
.SYNOPSIS
    Flashes HomeNode onto a nanoFramework board with nanoff: optional firmware update, the application image, and
    the configuration file (copied to I:\config.ini on the board).

.DESCRIPTION
    Steps, in order; the first failure stops the script with a non-zero exit code:
      1. Validate the configuration with tools/ConfigCheck
         (dotnet run --project tools/ConfigCheck -c Release -- <config>); its own error lines are printed (exit 1).
      2. Check that nanoff is on PATH (exit 2 with the install command; with -WhatIf only a warning).
      3. Pack the deployment image from the .pe files of the device project's output (exit 3 when there are none):
         every .pe, in ordinal name order, each padded with zeros to a multiple of 4 bytes, one after another in
         one .bin (the runtime walks the deployment area at 4-byte boundaries; shared/DESIGN.md).
      4. Write the nanoff file-deployment JSON that copies the configuration to I:\config.ini.
      5. Run nanoff: --update --fwversion <v> (only with -UpdateFirmware), --deploy --image <bin>, --filedeployment <json>.

    With -WhatIf nothing is sent to the board and nanoff is not started: each nanoff command line is printed as
    "WhatIf: nanoff ..." (one line each, stable for scripts). Steps 1, 3 and 4 still run, on purpose: they only read
    the sources and write two files next to the .pe files (<pe folder>/homenode.bin and
    <pe folder>/homenode-files.json, or next to the given .bin), so -WhatIf shows and checks exactly what would be flashed.

.PARAMETER SerialPort
    The board's serial port (COM5, /dev/ttyUSB0). Required, except with -WhatIf where "<serial-port>" is printed.

.PARAMETER Target
    nanoff target name of the board's firmware (default ESP32_REV0; e.g. ESP32_PSRAM_REV0, ESP32_S3).

.PARAMETER ConfigFile
    The configuration to validate and copy to the board (default ./config.ini).

.PARAMETER UpdateFirmware
    Also flash the nanoFramework firmware (nanoff --update --fwversion <FirmwareVersion>) before deploying the
    application. Needs -FirmwareVersion: without a version nanoff flashes the newest firmware, whose native
    assemblies need not match the 1.17.11-era packages this image is built against, and then the application does
    not start (the runtime refuses an assembly whose native checksum differs).

.PARAMETER FirmwareVersion
    The nanoFramework firmware version to flash with -UpdateFirmware (nanoff --fwversion), e.g. 1.17.0.NNN. It must
    carry the native assemblies the image needs: mscorlib 100.5.0.24, System.Net 100.2.0.14, System.Device.Wifi
    100.0.6.6 (README "Flashing a board" says which firmware builds do and how to list them).

.PARAMETER ImagePath
    A .bin image to deploy as is, or a folder of .pe files to pack. Default: firmware/Device/bin/Release (build nf.sln
    in Release with the nanoFramework tools first).

.PARAMETER BoardFile
    Further files to copy to the board's I:\ drive under their own file name, for example the TLS certificates the
    config names (ca_cert = I:\ca.pem, client_cert, client_key): -BoardFile ./ca.pem, ./device.pem, ./device.key

.PARAMETER ConfigCheckProject
    The configuration checker project (default tools/ConfigCheck next to this script).

.EXAMPLE
    ./flash.ps1 -SerialPort COM5 -ConfigFile ./kitchen.ini -UpdateFirmware -FirmwareVersion 1.17.0.123

.EXAMPLE
    ./flash.ps1 -SerialPort /dev/ttyUSB0 -WhatIf
#>
[CmdletBinding(SupportsShouldProcess = $true)]
param(
    [string] $SerialPort,
    [string] $Target = 'ESP32_REV0',
    [string] $ConfigFile = './config.ini',
    [switch] $UpdateFirmware,
    [string] $FirmwareVersion,
    [string] $ImagePath,
    [string[]] $BoardFile = @(),
    [string] $ConfigCheckProject
)

Set-StrictMode -Version 3.0
$ErrorActionPreference = 'Stop'

$ExitConfigInvalid = 1
$ExitNanoffMissing = 2
$ExitImageMissing = 3
$ExitUsage = 4
$BoardConfigPath = 'I:\config.ini'
$NanoffInstallHint = 'nanoff was not found on PATH. Install it with: dotnet tool install -g nanoff'
# The native assembly versions the image's packages need (CoreLibrary 1.17.11, System.Net 1.11.60, Wifi 1.5.144).
$RequiredNatives = 'mscorlib 100.5.0.24, System.Net 100.2.0.14, System.Device.Wifi 100.0.6.6'

function Write-Failure([string] $message) {
    [Console]::Error.WriteLine($message)
}

# Quotes an argument for display only when it needs it, so the printed line can be pasted into a shell.
function Format-Argument([string] $argument) {
    if ($argument -match '[\s"'']' -or $argument.Length -eq 0) {
        return '"' + $argument.Replace('"', '\"') + '"'
    }
    return $argument
}

function Invoke-Nanoff([string[]] $arguments) {
    $line = 'nanoff ' + (($arguments | ForEach-Object { Format-Argument $_ }) -join ' ')
    if ($WhatIfPreference) {
        Write-Output "WhatIf: $line"
        return
    }

    if (-not $PSCmdlet.ShouldProcess($SerialPort, $line)) {
        return
    }

    Write-Output $line
    & nanoff @arguments
    if ($LASTEXITCODE -ne 0) {
        Write-Failure "nanoff failed with exit code $LASTEXITCODE"
        exit $LASTEXITCODE
    }
}

# Concatenates the .pe files of $folder (ordinal name order), each zero-padded to a multiple of 4 bytes, into $output.
function New-DeploymentImage([string] $folder, [string] $output) {
    [string[]] $files = @(Get-ChildItem -LiteralPath $folder -Filter '*.pe' -File | ForEach-Object { $_.FullName })
    if ($files.Count -eq 0) {
        return 0
    }

    [Array]::Sort($files, [StringComparer]::Ordinal)
    $image = [System.IO.MemoryStream]::new()
    try {
        foreach ($file in $files) {
            [byte[]] $bytes = [System.IO.File]::ReadAllBytes($file)
            $image.Write($bytes, 0, $bytes.Length)
            $padding = (4 - ($bytes.Length % 4)) % 4
            if ($padding -gt 0) {
                $image.Write([byte[]]::new($padding), 0, $padding)
            }
        }

        [System.IO.File]::WriteAllBytes($output, $image.ToArray())
        Write-Host ("Image: {0} ({1} bytes from {2} .pe files)" -f $output, $image.Length, $files.Count)
    }
    finally {
        $image.Dispose()
    }

    return $files.Count
}

if ($UpdateFirmware -and -not $FirmwareVersion) {
    Write-Failure ("flash.ps1: -UpdateFirmware needs -FirmwareVersion: the newest firmware need not match the packages " +
        "this image is built against ($RequiredNatives). List the versions with: nanoff --listtargets --platform esp32 " +
        "(README, Flashing a board)")
    exit $ExitUsage
}
if ($FirmwareVersion -and $FirmwareVersion -notmatch '^\d+\.\d+\.\d+\.\d+$') {
    Write-Failure "flash.ps1: -FirmwareVersion must look like 1.17.0.123, got '$FirmwareVersion'"
    exit $ExitUsage
}

$root = $PSScriptRoot
if (-not $ConfigCheckProject) { $ConfigCheckProject = Join-Path $root 'tools/ConfigCheck' }
if (-not $ImagePath) { $ImagePath = Join-Path $root 'firmware/Device/bin/Release' }

if (-not $SerialPort) {
    if (-not $WhatIfPreference) {
        Write-Failure 'flash.ps1: -SerialPort is required (the board''s serial port, e.g. COM5 or /dev/ttyUSB0)'
        exit $ExitUsage
    }
    $SerialPort = '<serial-port>'
}

# 1. configuration
if (-not (Test-Path -LiteralPath $ConfigFile -PathType Leaf)) {
    Write-Failure "flash.ps1: configuration file not found: $ConfigFile"
    exit $ExitConfigInvalid
}
$configPath = (Resolve-Path -LiteralPath $ConfigFile).Path

if (-not (Test-Path -LiteralPath $ConfigCheckProject)) {
    Write-Failure "flash.ps1: configuration checker not found: $ConfigCheckProject"
    exit $ExitConfigInvalid
}

$checkOutput = & dotnet run --project $ConfigCheckProject -c Release -- $configPath 2>&1
$checkExit = $LASTEXITCODE
if ($checkExit -ne 0) {
    foreach ($line in $checkOutput) { Write-Failure ([string] $line) }
    Write-Failure "flash.ps1: $ConfigFile is not valid; nothing was flashed"
    exit $ExitConfigInvalid
}
foreach ($line in $checkOutput) { Write-Output ([string] $line) }

# 2. nanoff
if (-not (Get-Command nanoff -ErrorAction SilentlyContinue)) {
    if (-not $WhatIfPreference) {
        Write-Failure $NanoffInstallHint
        exit $ExitNanoffMissing
    }
    Write-Warning $NanoffInstallHint
}

# 3. image
if (Test-Path -LiteralPath $ImagePath -PathType Container) {
    $peFolder = (Resolve-Path -LiteralPath $ImagePath).Path
    $imageFile = Join-Path $peFolder 'homenode.bin'
    if ((New-DeploymentImage $peFolder $imageFile) -eq 0) {
        Write-Failure "flash.ps1: no .pe files in $peFolder; build nf.sln (firmware/Device, Release) with the nanoFramework tools first"
        exit $ExitImageMissing
    }
}
elseif (Test-Path -LiteralPath $ImagePath -PathType Leaf) {
    $imageFile = (Resolve-Path -LiteralPath $ImagePath).Path
}
else {
    Write-Failure "flash.ps1: image not found: $ImagePath (a .bin file or a folder of .pe files)"
    exit $ExitImageMissing
}

# 4. file deployment: the JSON nanoff reads (nanoFirmwareFlasher FileDeployment/FileDeploymentConfiguration.cs,
#    DeploymentFile.cs: SerialPort, Files[] of DestinationFilePath / SourceFilePath)
$deploymentFile = Join-Path (Split-Path -Parent $imageFile) 'homenode-files.json'
$deployment = [ordered]@{
    SerialPort = $SerialPort
    Files      = @([ordered]@{ DestinationFilePath = $BoardConfigPath; SourceFilePath = $configPath })
}
foreach ($extra in $BoardFile) {
    if (-not (Test-Path -LiteralPath $extra -PathType Leaf)) {
        Write-Failure "flash.ps1: board file not found: $extra"
        exit $ExitUsage
    }

    $deployment.Files += [ordered]@{
        DestinationFilePath = 'I:\' + (Split-Path -Leaf $extra)
        SourceFilePath      = (Resolve-Path -LiteralPath $extra).Path
    }
}
$deployment | ConvertTo-Json -Depth 4 | Set-Content -LiteralPath $deploymentFile -Encoding utf8NoBOM -WhatIf:$false

# 5. nanoff
if ($UpdateFirmware) {
    Invoke-Nanoff @('--update', '--target', $Target, '--serialport', $SerialPort, '--fwversion', $FirmwareVersion)
}
Invoke-Nanoff @('--target', $Target, '--serialport', $SerialPort, '--deploy', '--image', $imageFile)
Invoke-Nanoff @('--target', $Target, '--serialport', $SerialPort, '--filedeployment', $deploymentFile)
exit 0
