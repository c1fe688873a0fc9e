#!/usr/bin/env bash
# Makes every icon file from gangway.svg; the results are committed, so building Gangway needs none
# of these tools. Run it after changing the SVG (Debian: apt install librsvg2-bin imagemagick icnsutils).
#   png/gangway-N.png      N = 16 ... 1024: the window's icons (in the jar) and the packages'
#   hicolor/NxN/apps/      the Linux desktop's icon theme sizes, and scalable/apps/gangway.svg
#   gangway.ico            Windows: 16-256, the .exe's and the installer's icon
#   gangway.icns           macOS: 16-1024, the app bundle's icon
set -euo pipefail
cd "$(dirname "$0")"
for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null || { echo "icons/build.sh needs $tool" >&2; exit 1; }
done

rm -rf png hicolor
mkdir -p png
for n in 16 24 32 48 64 128 256 512 1024; do
  rsvg-convert -w "$n" -h "$n" gangway.svg -o "png/gangway-$n.png"
done

for n in 16 22 24 32 48 64 128 256 512; do
  mkdir -p "hicolor/${n}x${n}/apps"
  rsvg-convert -w "$n" -h "$n" gangway.svg -o "hicolor/${n}x${n}/apps/gangway.png"
done
mkdir -p hicolor/scalable/apps
cp gangway.svg hicolor/scalable/apps/gangway.svg

# No timestamps in the files, so an unchanged SVG makes byte-identical icons.
convert png/gangway-16.png png/gangway-24.png png/gangway-32.png png/gangway-48.png png/gangway-64.png \
  png/gangway-128.png png/gangway-256.png -define png:exclude-chunks=date,time gangway.ico
png2icns gangway.icns png/gangway-16.png png/gangway-32.png png/gangway-128.png png/gangway-256.png \
  png/gangway-512.png png/gangway-1024.png >/dev/null
echo "icons: $(ls png | wc -l) PNGs, $(find hicolor -type f | wc -l) hicolor files, gangway.ico, gangway.icns"
