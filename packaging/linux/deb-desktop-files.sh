#!/bin/bash
# Gives the .deb jpackage made its menu entry and icons as files of the package:
# /usr/share/applications/gangway.desktop and /usr/share/icons/hicolor/*/apps/gangway.*, taken out of
# the app's lib/share (where the build put them). dpkg then owns them: it removes them with the
# package, and the desktop's own triggers (desktop-file-utils, the icon theme) refresh the menu and
# the icon cache. jpackage itself can only put files under /opt/gangway; its --linux-shortcut runs
# xdg-desktop-menu, which installs nothing on a desktop without an XDG menu folder (a plain window
# manager, a minimal Debian).
#
# Usage: deb-desktop-files.sh DIR VERSION   (the .deb is DIR/gangway_VERSION_<arch>.deb)
set -euo pipefail

debs=("$1"/gangway_"$2"_*.deb)
[ ${#debs[@]} = 1 ] && [ -f "${debs[0]}" ] || { echo "expected one gangway_$2_*.deb in $1" >&2; exit 1; }
deb=${debs[0]}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dpkg-deb -R "$deb" "$work/pkg"
share="$work/pkg/opt/gangway/lib/share"
[ -f "$share/applications/gangway.desktop" ] || { echo "no lib/share/applications/gangway.desktop in $deb" >&2; exit 1; }
mkdir -p "$work/pkg/usr/share"
cp -r "$share/applications" "$share/icons" "$work/pkg/usr/share/"
rm -rf "$share"
# Files the package installs are read by everyone, whatever this build's umask was.
find "$work/pkg/usr" -type d -exec chmod 0755 {} +
find "$work/pkg/usr" -type f -exec chmod 0644 {} +
# Installed-Size (KiB) counts the new files too.
size=$(du -sk --exclude=DEBIAN "$work/pkg" | cut -f1)
sed -i "s/^Installed-Size:.*/Installed-Size: $size/" "$work/pkg/DEBIAN/control"
dpkg-deb --root-owner-group -b "$work/pkg" "$deb" >/dev/null
