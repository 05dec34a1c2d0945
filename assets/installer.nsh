; Reception Kiosk: additions to electron-builder's NSIS installer (electron-builder.yml: nsis.include).
;
; The records live in one folder per PC, %ProgramData%\Reception Kiosk (electron/shell/paths.ts),
; whoever logs on to Windows. So:
; - the installer creates that folder and lets the built-in Users group (the well-known SID
;   S-1-5-32-545, whatever the language of Windows) modify what is in it, so every login can save;
; - it refuses an installation folder that is the records folder, sits inside it or holds it,
;   because uninstalling empties the installation folder;
; - the uninstaller never touches the records folder: the records outlive the program, and how long
;   they are kept is the school's decision, not the uninstaller's.

!include LogicLib.nsh

!define RECEPTION_KIOSK_DATA_NAME "Reception Kiosk" ; PRODUCT_FOLDER in electron/shell/paths.ts

; Sets OUT to the records folder, as the app works it out: %ProgramData%, else %ALLUSERSPROFILE%,
; else C:\ProgramData; then \Reception Kiosk.
!macro receptionKioskDataDir OUT
  ReadEnvStr ${OUT} "ProgramData"
  ${If} ${OUT} == ""
    ReadEnvStr ${OUT} "ALLUSERSPROFILE"
  ${EndIf}
  ${If} ${OUT} == ""
    StrCpy ${OUT} "C:\ProgramData"
  ${EndIf}
  StrCpy ${OUT} "${OUT}\${RECEPTION_KIOSK_DATA_NAME}"
!macroend

; Sets OUT to "1" when the folder DIR is the folder DATA, is inside it, or holds it; else "0".
; (NSIS compares strings without regard to case, as Windows compares paths.) Uses $R0 and $R1.
!macro receptionKioskOverlaps DIR DATA OUT
  Push $R0
  Push $R1
  StrCpy ${OUT} "0"
  ${If} "${DIR}" == "${DATA}"
    StrCpy ${OUT} "1"
  ${EndIf}
  StrLen $R0 "${DATA}\"
  StrCpy $R1 "${DIR}" $R0
  ${If} $R1 == "${DATA}\"
    StrCpy ${OUT} "1"
  ${EndIf}
  StrLen $R0 "${DIR}\"
  StrCpy $R1 "${DATA}" $R0
  ${If} $R1 == "${DIR}\"
    StrCpy ${OUT} "1"
  ${EndIf}
  Pop $R1
  Pop $R0
!macroend

; Sets OUT to "1" when installing into $INSTDIR could put the program in or over the records
; folder. Both $INSTDIR as given (a silent install uses it as it is) and $INSTDIR with the app's
; folder name added (the folder page adds it when the chosen folder does not name the app) are
; checked, so a folder that merely holds the records folder, such as C:\ProgramData or C:\, is
; refused too. Uses $R2 to $R4.
!macro receptionKioskInstallDirClashes OUT
  Push $R2
  Push $R3
  Push $R4
  !insertmacro receptionKioskDataDir $R2
  StrCpy $R3 "$INSTDIR"
  ; drop one trailing backslash ("C:\ProgramData\" is "C:\ProgramData")
  StrCpy $R4 "$R3" "" -1
  ${If} $R4 == "\"
    StrCpy $R3 "$R3" -1
  ${EndIf}
  !insertmacro receptionKioskOverlaps $R3 $R2 $R4
  ${If} $R4 != "1"
    !insertmacro receptionKioskOverlaps "$R3\${APP_FILENAME}" $R2 $R4
  ${EndIf}
  StrCpy ${OUT} $R4
  Pop $R4
  Pop $R3
  Pop $R2
!macroend

!ifndef BUILD_UNINSTALLER
  ; The folder page says where the records go, and why the program cannot go there.
  !define MUI_DIRECTORYPAGE_TEXT_TOP "Setup will install $(^NameDA) in the folder below. The school's records are kept separately, in $\"%ProgramData%\${RECEPTION_KIOSK_DATA_NAME}$\", which the program cannot be installed into."

  ; While a folder is being chosen: no Next for a folder that clashes with the records folder.
  Function .onVerifyInstDir
    Push $0
    !insertmacro receptionKioskInstallDirClashes $0
    ${If} $0 == "1"
      Pop $0
      Abort
    ${EndIf}
    Pop $0
  FunctionEnd

  ; At start-up (this also covers a silent install given /D=): refuse a clashing folder at once.
  !macro customInit
    Push $0
    !insertmacro receptionKioskInstallDirClashes $0
    ${If} $0 == "1"
      MessageBox MB_OK|MB_ICONSTOP "$(^NameDA) cannot be installed in $\"$INSTDIR$\": that is where the school's records are kept. Choose another folder, such as the one Setup suggests." /SD IDOK
      SetErrorLevel 2
      Quit
    ${EndIf}
    Pop $0
  !macroend

  ; After the files are in place: the records folder, writable by every login on this PC.
  !macro customInstall
    Push $0
    Push $1
    !insertmacro receptionKioskDataDir $0
    ClearErrors
    CreateDirectory "$0"
    ${If} ${Errors}
    ${OrIfNot} ${FileExists} "$0\*.*"
      DetailPrint "Could not create the records folder $0."
      MessageBox MB_OK|MB_ICONEXCLAMATION "Setup could not create the records folder $\"$0$\". Create it, and give the Users group permission to modify it, before using $(^NameDA)." /SD IDOK
    ${Else}
      DetailPrint "Records folder: $0"
      ; (OI)(CI)M: the Users group may modify the folder and everything made in it, by any login.
      nsExec::ExecToLog '"$SYSDIR\icacls.exe" "$0" /grant *S-1-5-32-545:(OI)(CI)M'
      Pop $1
      ${If} $1 != "0"
        DetailPrint "icacls could not give the Users group access to $0 (result $1)."
        MessageBox MB_OK|MB_ICONEXCLAMATION "Setup could not let every Windows login save records in $\"$0$\" (icacls result $1). An administrator can run:$\r$\n$\r$\nicacls $\"$0$\" /grant *S-1-5-32-545:(OI)(CI)M" /SD IDOK
      ${EndIf}
    ${EndIf}
    Pop $1
    Pop $0
  !macroend
!endif

; Uninstalling removes the program only. Say so, and leave the records folder alone.
!macro customUnInstall
  Push $0
  !insertmacro receptionKioskDataDir $0
  DetailPrint "The school's records in $0 are kept. Delete that folder yourself only when the school's retention rules allow."
  Pop $0
!macroend
