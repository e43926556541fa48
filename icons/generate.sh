#!/usr/bin/env bash
# Draws the app icon and the tray-state icons with ImageMagick (Debian: imagemagick,
# fonts-dejavu-core). Run again after changing a colour or shape; the PNGs are committed so a
# build never needs ImageMagick.
#
# Tray states differ in colour AND shape, so they stay distinguishable for colour-blind people
# and on monochrome panels: idle = ring, syncing = two arrows, attention = "!", error = "×",
# paused = "‖".
set -euo pipefail
cd "$(dirname "$0")"
font=/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf

# The app icon: a blue rounded square with two opposed arrows (mail and data going both ways).
app() {
  local size=$1 out=$2
  convert -size 512x512 xc:none \
    -fill '#1f5fa8' -draw 'roundrectangle 16,16 496,496 96,96' \
    -stroke white -strokewidth 36 -fill none \
    -draw 'line 120,200 360,200' -draw 'line 392,312 152,312' \
    -stroke none -fill white \
    -draw 'polygon 340,140 420,200 340,260' -draw 'polygon 172,252 92,312 172,372' \
    -resize "${size}x${size}" "PNG32:$out"
}
app 32 32x32.png
app 128 128x128.png
app 256 128x128@2x.png
app 512 icon.png

# One 64x64 tray icon per state: a filled disc in the state's colour and a white mark.
tray() {
  local name=$1 colour=$2; shift 2
  convert -size 256x256 xc:none -fill "$colour" -draw 'circle 128,128 128,12' "$@" \
    -resize 64x64 "PNG32:tray-$name.png"
}
tray idle '#2e7d32' -fill none -stroke white -strokewidth 22 -draw 'circle 128,128 128,70'
tray syncing '#1f5fa8' -stroke white -strokewidth 20 -fill none \
  -draw 'line 70,100 170,100' -draw 'line 186,156 86,156' -stroke none -fill white \
  -draw 'polygon 160,66 206,100 160,134' -draw 'polygon 96,122 50,156 96,190'
tray attention '#e08a00' -fill white -font "$font" -pointsize 190 -gravity center -annotate +0+4 '!'
tray error '#c62828' -stroke white -strokewidth 26 -draw 'line 84,84 172,172' -draw 'line 172,84 84,172'
tray paused '#616161' -fill white -draw 'rectangle 86,74 116,182' -draw 'rectangle 140,74 170,182'
