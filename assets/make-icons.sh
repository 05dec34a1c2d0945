#!/bin/sh
# Regenerates the app icons from nothing but ImageMagick 6 (`convert`): a rounded square in the
# default accent (#1d4e89) with a white pictogram of a receptionist behind a desk.
#   assets/icon.png  1024x1024, the master (Linux, the window icon, electron-builder's source)
#   assets/icon.ico  16, 24, 32, 48, 64, 128 and 256 px (Windows: the app, the installer, shortcuts)
# Run from anywhere: sh assets/make-icons.sh
set -eu
cd "$(dirname "$0")"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

S=2048 # drawn at twice the size, then scaled down, for clean edges

# The tile: a gentle top-to-bottom gradient around the accent colour, in a rounded square.
convert -size ${S}x${S} gradient:'#2a62a3'-'#1a4679' "$tmp/fill.png"
convert -size ${S}x${S} xc:black -fill white -draw "roundrectangle 96,96 1951,1951 420,420" "$tmp/tile-mask.png"

# The pictogram, as a mask: a head, shoulders, and a counter in front with a clear gap between.
convert -size ${S}x${S} xc:black \
  -fill white -draw "circle 1024,700 1024,920" \
  -fill white -draw "roundrectangle 664,1010 1384,1560 330,330" \
  -fill black -draw "roundrectangle 404,1164 1644,1640 64,64" \
  -fill white -draw "roundrectangle 444,1204 1604,1290 43,43" \
  -fill white -draw "roundrectangle 524,1330 1524,1600 40,40" \
  -fill white -draw "rectangle 524,1330 1524,1400" \
  "$tmp/glyph-mask.png"

# A soft shadow under the pictogram, then the white pictogram, then the tile's own alpha.
convert "$tmp/glyph-mask.png" -blur 0x28 -evaluate multiply 0.35 -roll +0+18 "$tmp/shadow-mask.png"
convert "$tmp/fill.png" \
  -size ${S}x${S} xc:'#0d2a4d' "$tmp/shadow-mask.png" -compose Over -composite \
  -size ${S}x${S} xc:white "$tmp/glyph-mask.png" -compose Over -composite \
  "$tmp/flat.png"
convert "$tmp/flat.png" "$tmp/tile-mask.png" -alpha off -compose CopyOpacity -composite "$tmp/big.png"

convert "$tmp/big.png" -filter Lanczos -resize 1024x1024 -strip PNG32:icon.png
for s in 16 24 32 48 64 128 256; do
  sharpen=""
  if [ "$s" -le 48 ]; then sharpen="-unsharp 0x0.6+0.8+0.01"; fi # small sizes stay crisp
  # shellcheck disable=SC2086
  convert "$tmp/big.png" -filter Lanczos -resize ${s}x${s} $sharpen -strip PNG32:"$tmp/i$s.png"
done
convert "$tmp/i16.png" "$tmp/i24.png" "$tmp/i32.png" "$tmp/i48.png" "$tmp/i64.png" "$tmp/i128.png" "$tmp/i256.png" icon.ico
echo "wrote assets/icon.png and assets/icon.ico"
