#!/bin/bash

if type update-alternatives >/dev/null 2>&1; then
    # Remove previous link if it doesn't use update-alternatives
    if [ -L '/usr/bin/${executable}' -a -e '/usr/bin/${executable}' -a "`readlink '/usr/bin/${executable}'`" != '/etc/alternatives/${executable}' ]; then
        rm -f '/usr/bin/${executable}'
    fi
    update-alternatives --install '/usr/bin/${executable}' '${executable}' '/opt/${sanitizedProductName}/${executable}' 100 || ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
else
    ln -sf '/opt/${sanitizedProductName}/${executable}' '/usr/bin/${executable}'
fi

# Check if user namespaces are supported by the kernel and working with a quick test:
if ! { [[ -L /proc/self/ns/user ]] && unshare --user true; }; then
    # Use SUID chrome-sandbox only on systems without user namespaces:
    chmod 4755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
else
    chmod 0755 '/opt/${sanitizedProductName}/chrome-sandbox' || true
fi

if hash update-mime-database 2>/dev/null; then
    update-mime-database /usr/share/mime || true
fi

if hash update-desktop-database 2>/dev/null; then
    update-desktop-database /usr/share/applications || true
fi

# Install apparmor profile. (Ubuntu 24+)
# First check if the version of AppArmor running on the device supports our profile.
# This is in order to keep backwards compatibility with Ubuntu 22.04 which does not support abi/4.0.
# In that case, we just skip installing the profile since the app runs fine without it on 22.04.
#
# Those apparmor_parser flags are akin to performing a dry run of loading a profile.
# https://wiki.debian.org/AppArmor/HowToUse#Dumping_profiles
#
# Unfortunately, at the moment AppArmor doesn't have a good story for backwards compatibility.
# https://askubuntu.com/questions/1517272/writing-a-backwards-compatible-apparmor-profile
if apparmor_status --enabled > /dev/null 2>&1; then
  APPARMOR_PROFILE_SOURCE='/opt/${sanitizedProductName}/resources/apparmor-profile'
  APPARMOR_PROFILE_TARGET='/etc/apparmor.d/${executable}'
  if apparmor_parser --skip-kernel-load --debug "$APPARMOR_PROFILE_SOURCE" > /dev/null 2>&1; then
    cp -f "$APPARMOR_PROFILE_SOURCE" "$APPARMOR_PROFILE_TARGET"

    # Updating the current AppArmor profile is not possible and probably not meaningful in a chroot'ed environment.
    # Use cases are for example environments where images for clients are maintained.
    # There, AppArmor might correctly be installed, but live updating makes no sense.
    if ! { [ -x '/usr/bin/ischroot' ] && /usr/bin/ischroot; } && hash apparmor_parser 2>/dev/null; then
      # Extra flags taken from dh_apparmor:
      # > By using '-W -T' we ensure that any abstraction updates are also pulled in.
      # https://wiki.debian.org/AppArmor/Contribute/FirstTimeProfileImport
      apparmor_parser --replace --write-cache --skip-read-cache "$APPARMOR_PROFILE_TARGET"
    fi
  else
    echo "Skipping the installation of the AppArmor profile as this version of AppArmor does not seem to support the bundled profile"
  fi
fi

# ---- Reception Kiosk -----------------------------------------------------------------------------
# (Everything above is electron-builder's own after-install script, kept as it is: setting
# deb.afterInstall replaces it. electron-builder fills in the dollar-brace names above; the lines
# below use plain $NAME variables only, so that it leaves them alone.)
#
# The records folder, one per PC (electron/shell/paths.ts), belongs to the app's own group,
# `reception-kiosk`: owned by root, mode 2770 (setgid, so every file made in it keeps the group;
# nothing for accounts outside it). The app runs with umask 007, so its files are 0660. Add each
# office login to the group: sudo usermod -aG reception-kiosk <login> (then log out and in).
# An older install used the `users` group and 2775: its files are moved to the new group here.
# Removing or upgrading the package never touches the folder: the records outlive the program.
DATA_DIR='/var/lib/reception-kiosk'
APP_GROUP='reception-kiosk'
groupadd -f --system "$APP_GROUP" || echo "Reception Kiosk: could not create the $APP_GROUP group" >&2
mkdir -p "$DATA_DIR"
if getent group "$APP_GROUP" >/dev/null 2>&1; then
  chgrp -R "$APP_GROUP" "$DATA_DIR" || echo "Reception Kiosk: could not give $DATA_DIR to the $APP_GROUP group" >&2
  find "$DATA_DIR" -mindepth 1 -type d -exec chmod 2770 {} + || true
  find "$DATA_DIR" -type f -exec chmod 0660 {} + || true
else
  echo "Reception Kiosk: there is no $APP_GROUP group; $DATA_DIR is usable by root only" >&2
fi
chmod 2770 "$DATA_DIR"
