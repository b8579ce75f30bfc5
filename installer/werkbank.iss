; Inno Setup 6 definition of the Windows installer (see README, "Windows installer").
; Built on Windows from the PyInstaller folder dist\workbench (`make installer` there):
;
;   iscc /DAppVersion=0.1.0 installer\werkbank.iss
;
; gives installer\Output\GebiedsvisieWerkbank-0.1.0-setup.exe.
;
; - Per user, without administrator rights: %LOCALAPPDATA%\Programs\Gebiedsvisie Werkbank.
;   IT can install for all users with /ALLUSERS (then it asks for elevation).
; - A Start-menu entry; "Openen met" for .gpkg files, without taking the default away
;   from QGIS.
; - Silent for Intune/SCCM: /VERYSILENT /SUPPRESSMSGBOXES /NORESTART [/ALLUSERS]
;   [/LOG="path"]; uninstall: "unins000.exe" /VERYSILENT /SUPPRESSMSGBOXES /NORESTART
;   in the installation folder (also listed under Apps in Settings).
; - No services, no autostart, no updater, no network access, nothing in the roaming profile.

#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppName "Gebiedsvisie Werkbank"
#define AppExe "Gebiedsvisie Werkbank.exe"
#define ProgId "GebiedsvisieWerkbank.gpkg"

[Setup]
AppId={{1EBA4058-49CC-4215-8B36-D1F02BA0A9E3}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=commandline dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SourceDir=..
OutputDir=installer\Output
OutputBaseFilename=GebiedsvisieWerkbank-{#AppVersion}-setup
SetupIconFile=resources\icons\app.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ChangesAssociations=yes
CloseApplications=yes
RestartApplications=no

[Languages]
Name: "nl"; MessagesFile: "compiler:Languages\Dutch.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Files]
Source: "dist\workbench\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{#AppName}"

[Registry]
; "Openen met" only: QGIS (or whatever the user chose) stays the default for .gpkg.
; HKA is HKCU for a per-user install and HKLM for /ALLUSERS.
Root: HKA; Subkey: "Software\Classes\.gpkg\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "GeoPackage ({#AppName})"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".gpkg"; ValueData: ""; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{#AppName}"

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
