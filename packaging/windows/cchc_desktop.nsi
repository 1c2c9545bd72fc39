; Installer of CCHC Desktop for Windows: per user, no administrator rights.
;
;   makensis -DVERSION=0.1.0 -DSOURCE_DIR=..\out\dist\cchc-desktop [-DOUT_FILE=setup.exe] cchc_desktop.nsi
;
; SOURCE_DIR is the one-folder PyInstaller bundle (CCHC Desktop.exe, cchc-desktop.exe,
; _internal\). Installs to %LOCALAPPDATA%\Programs\CCHC Desktop, adds Start-menu and desktop
; shortcuts and an uninstaller under HKCU. The user's data folder
; (%LOCALAPPDATA%\CCHC\CCHC Desktop, where the app keeps cchc.sqlite3 and its restore points)
; is never touched, neither by installing over an old version nor by uninstalling.

Unicode true

!ifndef VERSION
  !error "Truyền phiên bản: makensis -DVERSION=x.y.z ..."
!endif
!ifndef SOURCE_DIR
  !error "Truyền thư mục bundle: makensis -DSOURCE_DIR=...\dist\cchc-desktop ..."
!endif
; Windows wants four numbers in the version resource; build_windows.ps1 passes them.
!define /ifndef VERSION_QUAD "${VERSION}.0"
!define /ifndef OUT_FILE "cchc-desktop-${VERSION}-setup.exe"
!define /ifndef ICON_FILE "${__FILEDIR__}\cchc-desktop.ico"

!define APP_NAME "CCHC Desktop"
!define APP_EXE "CCHC Desktop.exe"
!define CLI_EXE "cchc-desktop.exe"
!define PUBLISHER "CCHC"
!define UNINSTALL_KEY "Software\Microsoft\Windows\CurrentVersion\Uninstall\CCHC Desktop"
!define APP_PATHS_KEY "Software\Microsoft\Windows\CurrentVersion\App Paths\${CLI_EXE}"

Name "${APP_NAME} ${VERSION}"
OutFile "${OUT_FILE}"
RequestExecutionLevel user
InstallDir "$LOCALAPPDATA\Programs\${APP_NAME}"
InstallDirRegKey HKCU "${UNINSTALL_KEY}" "InstallLocation"
; One solid LZMA stream with a dictionary larger than an executable: the two executables share
; most of their bytes, so the second costs almost nothing in the installer.
SetCompressor /SOLID lzma
SetCompressorDictSize 64
ManifestDPIAware true
ShowInstDetails show
ShowUninstDetails show
BrandingText "${APP_NAME} ${VERSION}"

VIProductVersion "${VERSION_QUAD}"
VIFileVersion "${VERSION_QUAD}"
VIAddVersionKey /LANG=0 "ProductName" "${APP_NAME}"
VIAddVersionKey /LANG=0 "ProductVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "FileVersion" "${VERSION}"
VIAddVersionKey /LANG=0 "CompanyName" "${PUBLISHER}"
VIAddVersionKey /LANG=0 "FileDescription" "Cài đặt ${APP_NAME}"
VIAddVersionKey /LANG=0 "LegalCopyright" "GPL-3.0-or-later"

!include "MUI2.nsh"
!include "FileFunc.nsh"

!define MUI_ICON "${ICON_FILE}"
!define MUI_UNICON "${ICON_FILE}"
!define MUI_ABORTWARNING
!define MUI_WELCOMEPAGE_TEXT "$(WelcomeText)"
!insertmacro MUI_PAGE_WELCOME
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!define MUI_FINISHPAGE_RUN "$INSTDIR\${APP_EXE}"
!define MUI_FINISHPAGE_RUN_TEXT "$(RunNow)"
!insertmacro MUI_PAGE_FINISH

!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES

; The first language is the default; the installer follows the Windows display language.
!insertmacro MUI_LANGUAGE "Vietnamese"
!insertmacro MUI_LANGUAGE "English"

LangString WelcomeText ${LANG_VIETNAMESE} "Chương trình sẽ cài ${APP_NAME} ${VERSION} cho riêng tài khoản Windows này, không cần quyền quản trị.$\r$\n$\r$\nDữ liệu báo cáo nằm ở thư mục riêng (%LOCALAPPDATA%\CCHC\CCHC Desktop) và được giữ nguyên khi cài phiên bản mới hay gỡ ứng dụng.$\r$\n$\r$\nBấm Tiếp để tiếp tục."
LangString WelcomeText ${LANG_ENGLISH} "This will install ${APP_NAME} ${VERSION} for this Windows account only; no administrator rights are needed.$\r$\n$\r$\nYour report data lives in its own folder (%LOCALAPPDATA%\CCHC\CCHC Desktop) and is kept when you upgrade or uninstall.$\r$\n$\r$\nClick Next to continue."
LangString RunNow ${LANG_VIETNAMESE} "Mở ${APP_NAME} ngay"
LangString RunNow ${LANG_ENGLISH} "Start ${APP_NAME} now"
LangString UninstallLink ${LANG_VIETNAMESE} "Gỡ cài đặt ${APP_NAME}"
LangString UninstallLink ${LANG_ENGLISH} "Uninstall ${APP_NAME}"
LangString AppRunning ${LANG_VIETNAMESE} "${APP_NAME} đang mở. Hãy đóng ứng dụng rồi bấm Thử lại."
LangString AppRunning ${LANG_ENGLISH} "${APP_NAME} is running. Close it, then click Retry."
LangString DataKept ${LANG_VIETNAMESE} "Dữ liệu báo cáo được giữ nguyên tại $LOCALAPPDATA\CCHC\CCHC Desktop."
LangString DataKept ${LANG_ENGLISH} "Your report data is kept in $LOCALAPPDATA\CCHC\CCHC Desktop."

; A running copy locks its files: ask to close it rather than leave a half-updated folder.
!macro CHECK_NOT_RUNNING ID
  retry_${ID}:
  ClearErrors
  IfFileExists "$INSTDIR\${APP_EXE}" 0 done_${ID}
  FileOpen $0 "$INSTDIR\${APP_EXE}" a
  IfErrors 0 close_${ID}
  MessageBox MB_RETRYCANCEL|MB_ICONEXCLAMATION "$(AppRunning)" IDRETRY retry_${ID}
  Abort
  close_${ID}:
  FileClose $0
  done_${ID}:
!macroend

Section "${APP_NAME}" SecMain
  SectionIn RO
  SetShellVarContext current
  !insertmacro CHECK_NOT_RUNNING install
  SetOutPath "$INSTDIR"
  ; A new version replaces the whole program folder (stale libraries of the old one would be
  ; loaded otherwise); the data folder is elsewhere and stays.
  RMDir /r "$INSTDIR\_internal"
  File /r "${SOURCE_DIR}\*.*"
  WriteUninstaller "$INSTDIR\uninstall.exe"

  CreateDirectory "$SMPROGRAMS\${APP_NAME}"
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0
  CreateShortcut "$SMPROGRAMS\${APP_NAME}\$(UninstallLink).lnk" "$INSTDIR\uninstall.exe"
  CreateShortcut "$DESKTOP\${APP_NAME}.lnk" "$INSTDIR\${APP_EXE}" "" "$INSTDIR\${APP_EXE}" 0

  ; Lets Win+R and Start find the command-line program: cchc-desktop export ...
  WriteRegStr HKCU "${APP_PATHS_KEY}" "" "$INSTDIR\${CLI_EXE}"
  WriteRegStr HKCU "${APP_PATHS_KEY}" "Path" "$INSTDIR"

  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayName" "${APP_NAME}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "Publisher" "${PUBLISHER}"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "DisplayIcon" "$INSTDIR\${APP_EXE},0"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "InstallLocation" "$INSTDIR"
  WriteRegStr HKCU "${UNINSTALL_KEY}" "UninstallString" '"$INSTDIR\uninstall.exe"'
  WriteRegStr HKCU "${UNINSTALL_KEY}" "QuietUninstallString" '"$INSTDIR\uninstall.exe" /S'
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "NoRepair" 1
  ${GetSize} "$INSTDIR" "/S=0K" $0 $1 $2
  IntFmt $0 "0x%08X" $0
  WriteRegDWORD HKCU "${UNINSTALL_KEY}" "EstimatedSize" "$0"
  DetailPrint "$(DataKept)"
SectionEnd

Function un.onInit
  SetShellVarContext current
FunctionEnd

Section "Uninstall"
  SetShellVarContext current
  !insertmacro CHECK_NOT_RUNNING uninstall
  Delete "$DESKTOP\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\${APP_NAME}.lnk"
  Delete "$SMPROGRAMS\${APP_NAME}\$(UninstallLink).lnk"
  RMDir "$SMPROGRAMS\${APP_NAME}"

  ; Only what the installer put there, by name: never RMDir /r "$INSTDIR", in case someone
  ; chose a folder that holds other files.
  RMDir /r "$INSTDIR\_internal"
  Delete "$INSTDIR\${APP_EXE}"
  Delete "$INSTDIR\${CLI_EXE}"
  Delete "$INSTDIR\uninstall.exe"
  RMDir "$INSTDIR"

  DeleteRegKey HKCU "${APP_PATHS_KEY}"
  DeleteRegKey HKCU "${UNINSTALL_KEY}"
  ; $LOCALAPPDATA\CCHC\CCHC Desktop (the data file, restore points) and the app's settings
  ; are the user's: left as they are.
  DetailPrint "$(DataKept)"
SectionEnd
