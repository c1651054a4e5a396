#!/usr/bin/env bash
# Makes the folder `make run` publishes: the demo albums of ../shared/photos/demo, and a "camera-raw"
# album of the RAW samples in ../shared/photos/raw, all as symbolic links (the scan follows them),
# so that nothing is copied and nothing is written beside the photographs.
#
#   scripts/demo-photos.sh SHARED_PHOTOS OUT
set -euo pipefail
shared=$(realpath "$1")
out=$2
rm -rf "$out"
mkdir -p "$out/camera-raw"
for album in "$shared"/demo/*/; do
  ln -s "${album%/}" "$out/$(basename "$album")"
done
for raw in "$shared"/raw/*; do
  case "$raw" in *.md) continue ;; esac
  ln -s "$raw" "$out/camera-raw/$(basename "$raw")"
done
