# Builds CCHC Desktop for Windows and smoke-tests it: catalogs, PyInstaller bundle, NSIS
# installer, then the frozen command line (export to PDF and Excel, check exit codes) and the
# window (offscreen, CCHC_STARTUP_PROBE). Run from the repository root on Windows:
#
#   py -3.11 -m venv .venv; .venv\Scripts\python -m pip install -e ".[test,build]"
#   powershell -ExecutionPolicy Bypass -File packaging\windows\build_windows.ps1
#
# Needs makensis on PATH (choco install nsis, or C:\Program Files (x86)\NSIS). Everything goes
# to packaging\out\. Also what .github/workflows/windows.yml runs.
param(
    [string]$Python = ".venv\Scripts\python.exe",
    [switch]$SkipInstaller
)
$ErrorActionPreference = "Stop"
Set-StrictMode -Version Latest
$Root = Resolve-Path (Join-Path $PSScriptRoot "..\..")
Set-Location $Root
$Out = Join-Path $Root "packaging\out"
New-Item -ItemType Directory -Force -Path $Out | Out-Null

function Invoke-Checked([string]$What, [scriptblock]$Block) {
    & $Block
    if ($LASTEXITCODE -ne 0) { throw "$What failed (exit $LASTEXITCODE)" }
}

$Version = (& $Python -c "import cchc_desktop; print(cchc_desktop.__version__)").Trim()
$Numbers = @([regex]::Matches($Version, "\d+") | ForEach-Object { $_.Value }) + @("0", "0", "0", "0")
$VersionQuad = ($Numbers[0..3] -join ".")
$Started = Get-Date

# 1. Catalogs: gettext .mo and Qt's dialogs in Vietnamese (.qm, into packaging\out\qt).
Invoke-Checked "pybabel compile" { & $Python -m babel.messages.frontend compile -d i18n -D cchc_desktop }
$env:QT_QPA_PLATFORM = "offscreen"
Invoke-Checked "Qt catalogue" { & $Python scripts\compile_qt_translations.py --out "$Out\qt" }
Remove-Item Env:QT_QPA_PLATFORM

# 2. The bundle: packaging\out\dist\cchc-desktop\{CCHC Desktop.exe, cchc-desktop.exe, _internal}
$PyiStarted = Get-Date
Invoke-Checked "PyInstaller" {
    & $Python -m PyInstaller --noconfirm --clean --log-level WARN `
        --distpath "$Out\dist" --workpath "$Out\build" packaging\cchc_desktop.spec
}
$PyiSeconds = [math]::Round(((Get-Date) - $PyiStarted).TotalSeconds, 1)
$Bundle = Join-Path $Out "dist\cchc-desktop"
$Cli = Join-Path $Bundle "cchc-desktop.exe"
$Gui = Join-Path $Bundle "CCHC Desktop.exe"
foreach ($exe in @($Cli, $Gui)) { if (-not (Test-Path $exe)) { throw "missing $exe" } }
$BundleMB = [math]::Round(((Get-ChildItem $Bundle -Recurse -File | Measure-Object Length -Sum).Sum) / 1MB, 1)

# 3. The installer.
$Setup = Join-Path $Out "cchc-desktop-$Version-setup.exe"
if (-not $SkipInstaller) {
    $makensis = (Get-Command makensis -ErrorAction SilentlyContinue).Source
    if (-not $makensis) { $makensis = "${env:ProgramFiles(x86)}\NSIS\makensis.exe" }
    Invoke-Checked "makensis" {
        & $makensis /V2 /WX "/DVERSION=$Version" "/DVERSION_QUAD=$VersionQuad" `
            "/DSOURCE_DIR=$Bundle" "/DOUT_FILE=$Setup" packaging\windows\cchc_desktop.nsi
    }
}
$BuildSeconds = [math]::Round(((Get-Date) - $Started).TotalSeconds, 1)

# 4. Smoke test of the frozen program, with a fresh data folder.
$Work = Join-Path ([IO.Path]::GetTempPath()) ("cchc-smoke-" + [guid]::NewGuid())
New-Item -ItemType Directory -Force -Path $Work | Out-Null
# platformdirs asks Windows for %LOCALAPPDATA% (not the environment): give the app its data
# file with --db so that a developer's own data file is never opened by the test.
$DataFile = Join-Path $Work "cchc.sqlite3"
$failures = 0
function Check([string]$What, [bool]$Ok) {
    if ($Ok) { Write-Host "  ok    $What" } else { Write-Host "  FAIL  $What"; $script:failures++ }
}
$Sample = Join-Path $Root "tests\data\xa-my-an-2026-Q1.json"

$versionOut = & $Cli --version
Check "cchc-desktop.exe --version ($versionOut)" ($LASTEXITCODE -eq 0 -and $versionOut -eq "cchc-desktop $Version")
& $Cli export $Sample --pdf "$Work\x.pdf" --xlsx "$Work\x.xlsx"
Check "export --pdf --xlsx" ($LASTEXITCODE -eq 0 -and (Test-Path "$Work\x.pdf") -and (Test-Path "$Work\x.xlsx"))
$pdfHead = [Text.Encoding]::ASCII.GetString([IO.File]::ReadAllBytes("$Work\x.pdf")[0..4])
Check "PDF header ($pdfHead)" ($pdfHead -eq "%PDF-")
if (Get-Command pdftotext -ErrorAction SilentlyContinue) {
    pdftotext -enc UTF-8 "$Work\x.pdf" "$Work\x.txt"
    Check "PDF text has 'Nơi nhận'" ((Get-Content "$Work\x.txt" -Raw -Encoding UTF8) -match "Nơi nhận")
}
& $Cli check $Sample | Out-Null; $okStatus = $LASTEXITCODE
Set-Content -Path "$Work\bad.json" -Value "{"
& $Cli check "$Work\bad.json" 2>$null | Out-Null; $badStatus = $LASTEXITCODE
Check "check exit codes: sample 0, broken file 2 (got $okStatus, $badStatus)" ($okStatus -eq 0 -and $badStatus -eq 2)

# The window: offscreen, the launcher's probe prints when the event loop starts and quits.
$env:QT_QPA_PLATFORM = "offscreen"
$env:CCHC_STARTUP_PROBE = "1"
$t0 = Get-Date
$probe = & $Cli --db $DataFile 2>&1 | Out-String
$shownSeconds = [math]::Round(((Get-Date) - $t0).TotalSeconds, 2)
Check "window shown ($($probe.Trim()))" ($LASTEXITCODE -eq 0 -and $probe -match "windows=\['CCHC Desktop'\]")
Check "data file created" (Test-Path $DataFile)
# The windowed executable has no stderr: the probe writes to %TEMP%\cchc-startup-probe.txt.
$probeFile = Join-Path $env:TEMP "cchc-startup-probe.txt"
Remove-Item $probeFile -ErrorAction SilentlyContinue
$gui = Start-Process -FilePath $Gui -ArgumentList "--db", "`"$DataFile`"" -PassThru -Wait
Check "CCHC Desktop.exe (windowed) shows its window (exit $($gui.ExitCode))" `
    ($gui.ExitCode -eq 0 -and (Test-Path $probeFile) -and ((Get-Content $probeFile -Raw) -match "CCHC Desktop"))
Remove-Item Env:CCHC_STARTUP_PROBE, Env:QT_QPA_PLATFORM

$t0 = Get-Date
& $Cli --version | Out-Null
$versionSeconds = [math]::Round(((Get-Date) - $t0).TotalSeconds, 2)

Write-Host ""
Write-Host "Bundle $Bundle : $BundleMB MB"
if (-not $SkipInstaller) { Write-Host ("Installer $Setup : {0:N1} MB" -f ((Get-Item $Setup).Length / 1MB)) }
Write-Host "Build time: PyInstaller $PyiSeconds s, whole script $BuildSeconds s"
Write-Host "Start: --version to exit $versionSeconds s; window shown on a new data file, to exit with the probe, $shownSeconds s"
Remove-Item -Recurse -Force $Work -ErrorAction SilentlyContinue
if ($failures -gt 0) { throw "Smoke test: $failures check(s) failed" }
Write-Host "Smoke test passed."
