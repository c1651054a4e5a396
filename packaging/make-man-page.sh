#!/usr/bin/env bash
# Writes vernissage.1 (gzipped) from the program's own --help, so the manual never disagrees
# with the program: help2man makes the page from `vernissage --help` and `--version`, and a
# COMMANDS section holds each subcommand's --help.
#   packaging/make-man-page.sh BINARY OUT.1.gz
set -euo pipefail
binary=$1
out=$2
include=$(mktemp)
trap 'rm -f "$include" "$out.tmp"' EXIT
{
  echo "[COMMANDS]"
  for command in build info audit index search duplicates share; do
    echo ".SS \"vernissage $command\""
    echo ".nf"
    "$binary" "$command" --help | sed -e 's/\\/\\e/g' -e 's/^\./\\\&./'
    echo ".fi"
  done
  echo "[FILES]"
  echo "PHOTOS/vernissage.toml, ~/.config/vernissage/config.toml: settings."
  echo ".br"
  echo "~/.local/share/vernissage/catalogue.db: the catalogue of photo facts."
} >"$include"
help2man --no-info --section=1 --include="$include" \
  --name="from a photographer's archive to an exhibition website" "$binary" |
  gzip -9n >"$out.tmp"
mv "$out.tmp" "$out"
