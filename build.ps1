#!/usr/bin/env pwsh
# Bootstrap (PowerShell): the same steps as build.sh — find or install the SDK, rebuild the build
# program only when its inputs changed, run it. Usage: ./build.ps1 [targets] [--parameter value ...]
$ErrorActionPreference = 'Stop'
$Root = $PSScriptRoot
$Temp = Join-Path $Root '.nuke/temp'
$BuildProject = Join-Path $Root 'build/_build.csproj'
$BuildDll = Join-Path $Temp 'build-bin/_build.dll'
$Stamp = Join-Path $Temp 'build-bin/.inputs.sha256'
$env:DOTNET_CLI_TELEMETRY_OPTOUT = '1'; $env:DOTNET_NOLOGO = '1'

function Find-Dotnet {
    $candidates = @((Get-Command dotnet -ErrorAction SilentlyContinue).Source, (Join-Path $Temp 'dotnet/dotnet'), (Join-Path $Temp 'dotnet/dotnet.exe'))
    foreach ($candidate in $candidates) {
        if ($candidate -and (Test-Path $candidate)) {
            Push-Location $Root
            try { & $candidate --version *> $null; if ($LASTEXITCODE -eq 0) { return $candidate } } finally { Pop-Location }
        }
    }
    return $null
}

$Dotnet = Find-Dotnet
if (-not $Dotnet) {
    Write-Host 'build.ps1: no .NET SDK on PATH satisfies global.json; installing one under .nuke/temp/dotnet'
    New-Item -ItemType Directory -Force $Temp | Out-Null
    $script = Join-Path $Temp 'dotnet-install.ps1'
    try { Invoke-WebRequest 'https://dot.net/v1/dotnet-install.ps1' -OutFile $script -TimeoutSec 60 }
    catch { throw 'build.ps1: cannot download dotnet-install.ps1 (offline?). Install the .NET SDK named in global.json and put dotnet on PATH.' }
    & $script -JsonFile (Join-Path $Root 'global.json') -InstallDir (Join-Path $Temp 'dotnet') -NoPath
    $Dotnet = Find-Dotnet
    if (-not $Dotnet) { throw 'build.ps1: no usable .NET SDK found after installing' }
}

# Only the inputs this repository has (one that adopted Shipgate through `dotnet new shipgate` has build/ alone).
$folders = @('build', 'src') | ForEach-Object { Join-Path $Root $_ } | Where-Object { Test-Path $_ }
$files = @(Get-ChildItem -Path $folders -Recurse -File -Include *.cs, *.csproj, *.props, *.json |
    Where-Object { $_.FullName -notmatch '[\\/](bin|obj)[\\/]' })
$files += @('global.json', 'Directory.Build.props', 'Directory.Packages.props') | ForEach-Object { Join-Path $Root $_ } | Where-Object { Test-Path $_ } | Get-Item
$text = ($files | Sort-Object FullName | ForEach-Object { (Get-FileHash $_.FullName -Algorithm SHA256).Hash + ' ' + $_.FullName }) -join "`n"
$hash = [BitConverter]::ToString([Security.Cryptography.SHA256]::Create().ComputeHash([Text.Encoding]::UTF8.GetBytes($text))).Replace('-', '')

if (-not (Test-Path $BuildDll) -or ((Get-Content $Stamp -ErrorAction SilentlyContinue) -ne $hash)) {
    Write-Host 'build.ps1: compiling the build program (its inputs changed)'
    & $Dotnet build $BuildProject -nologo -clp:NoSummary -v:quiet
    if ($LASTEXITCODE -ne 0) { throw 'build.ps1: the build program does not compile (see above)' }
    Set-Content $Stamp $hash
}

& $Dotnet $BuildDll @args
exit $LASTEXITCODE
