#!/usr/bin/env bash
# Rebuilds examples/photos from ../shared/photos/demo: photos with a long edge over 3000 px are
# re-encoded to 3000 px (JPEG quality 90, orientation tag kept, not applied) and get every tag of
# the original back with exiftool; smaller ones are copied as they are. Run by hand when the demo
# set changes; the build never needs it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source_dir="${1:-$here/../shared/photos/demo}"
target="$here/examples/photos"
max=3000

for series in streets nature machines; do
  mkdir -p "$target/$series"
  for src in "$source_dir/$series"/*.jpg; do
    dst="$target/$series/$(basename "$src")"
    read -r width height < <(vipsheader -f width "$src" | tr '\n' ' '; vipsheader -f height "$src")
    if (( width > max || height > max )); then
      vips thumbnail "$src" "$dst[Q=90,optimize-coding]" "$max" --height "$max" --no-rotate
      exiftool -q -q -overwrite_original -TagsFromFile "$src" -all:all -unsafe -icc_profile \
        -ExifImageWidth= -ExifImageHeight= "$dst"
    else
      cp "$src" "$dst"
    fi
  done
done
du -sh "$target"
