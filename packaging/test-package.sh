#!/usr/bin/env bash
# The .deb as a user gets it: made by CPack from the build tree, unpacked into a scratch root with
# dpkg -x (no root rights or system changes needed), and run from there on real photos.
#   packaging/test-package.sh BUILD_DIR PHOTOS_FOLDER
set -euo pipefail
build=$1
photos=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || {
  cat "$work/cpack.log" >&2
  exit 1
}
deb=$(ls "$work"/out/vernissage_*.deb)
depends=$(dpkg-deb -f "$deb" Depends)
for needed in libvips42 libexiv2-27 libsqlite3-0 libpq5 libqpdf29 libpangocairo-1.0-0 libcmark0.30.2 libyaml-cpp0.7 fonts-ebgaramond fonts-inter; do
  [[ $depends == *"$needed"* ]] || { echo "Depends lacks $needed: $depends" >&2; exit 1; }
done
dpkg-deb -x "$deb" "$work/root"
for file in usr/bin/vernissage usr/lib/vernissage/vernissage-libvips.so \
  usr/share/man/man1/vernissage.1.gz usr/share/bash-completion/completions/vernissage; do
  [[ -f $work/root/$file ]] || { echo "the package lacks $file" >&2; exit 1; }
done
zcat "$work/root/usr/share/man/man1/vernissage.1.gz" | grep -q 'vernissage build' ||
  { echo "the manual page lacks the build command" >&2; exit 1; }
bash -n "$work/root/usr/share/bash-completion/completions/vernissage"

# The unpacked program publishes photos, loading its libvips module from ../lib/vernissage.
"$work/root/usr/bin/vernissage" --version
mkdir -p "$work/photos"
cp "$photos"/landscape_1.jpg "$photos"/portrait_6.jpg "$work/photos/"
"$work/root/usr/bin/vernissage" build "$work/photos" -o "$work/site" \
  --catalogue "$work/catalogue.db" --sizes 320 -q
[[ -f $work/site/portrait_6.html ]] || { echo "the unpacked program built no photo page" >&2; exit 1; }
ls "$work"/site/media/*/*.avif >/dev/null
echo "package test: $(basename "$deb") ($(du -k "$deb" | cut -f1) KiB) installs and builds a site"
