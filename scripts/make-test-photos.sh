#!/usr/bin/env bash
# Makes the photographs the tests read, from the real ones in ../shared/photos, into a folder of
# the build tree. Nothing here is committed: the photos come from public collections whose terms
# do not let this repository redistribute them (../shared/photos/README.md).
#
#   scripts/make-test-photos.sh PHOTOS OUT
#
# PHOTOS is ../shared/photos (CMake's VERNISSAGE_PHOTOS); it is only ever read. OUT receives:
#
#   data/orientation/   edge-cases/jpg/orientation/*: all 8 EXIF orientations, landscape and portrait
#   data/gps/           edge-cases/jpg/gps/DSCN0010.jpg, DSCN0021.jpg: GPS reading and privacy
#   data/xmp/           edge-cases/jpg/xmp/BlueSquare.jpg (Adobe's XMP test file), no_exif.jpg
#   data/heic/          edge-cases/heic/IMG_5195.HEIC: HEIC decoding, Display P3 converted to sRGB
#   data/invalid/       edge-cases/jpg/invalid/image01551.jpg, image00971.jpg, jpg/corrupted.jpg
#   data/hostile/       edge-cases/jpg/tests/33-type_error.jpg, 67-0_length_string.jpg,
#                       32-lens_data.jpeg: malformed EXIF
#   data/tiff/          edge-cases/tiff/Arbitro.tiff: TIFF input
#   data/captions/      iptc_only.jpg and xmp_only.jpg: data/orientation/landscape_1.jpg with all
#                       metadata removed by exiftool, then IPTC-only or XMP-only captions written
#   demo/               demo/{streets,nature,machines}: photos with a long edge over 3000 px
#                       re-encoded to 3000 px (JPEG quality 90, orientation tag kept, not applied)
#                       with every tag of the original copied back by exiftool; smaller ones as
#                       they are. The e2e tests and the browser tests build this demo site.
#   seeds/metadata/     photoshop-thumbnail.jpg: the Photoshop thumbnail of the demo's Lightroom
#                       export as a JPEG whose APP13 holds only that thumbnail (a fuzzing seed)
#
# The output is deterministic: every file is checked against tests/test-photos.sha256, so every
# run tests the same bytes, and a change in ../shared/photos or in the tools (libvips, exiftool)
# is reported instead of quietly testing something else. `--record` rewrites that list after a
# deliberate change. OUT is replaced whole and atomically, and left alone when the list, this
# script and the sources are unchanged since it was made.
set -euo pipefail

record=false
if [[ ${1:-} == --record ]]; then
  record=true
  shift
fi
if (($# != 2)); then
  echo "usage: $0 [--record] PHOTOS OUT" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
photos="$1"
out="$2"
checksums="$here/tests/test-photos.sha256"
edge="$photos/edge-cases"
demo="$photos/demo"

for folder in "$edge" "$demo"; do
  if [[ ! -d $folder ]]; then
    echo "make-test-photos: no folder $folder: the tests read the photographs in ../shared/photos" \
      "beside the checkout; point CMake's VERNISSAGE_PHOTOS at another copy" \
      "(cmake -DVERNISSAGE_PHOTOS=/path/to/photos)" >&2
    exit 1
  fi
done
for tool in exiftool vips vipsheader perl sha256sum; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "make-test-photos: $tool is missing (scripts/install-deps.sh installs it)" >&2
    exit 1
  fi
done

# What the output depends on: this script, the recorded checksums and the source files' names,
# sizes and modification times.
fingerprint() {
  {
    sha256sum "${BASH_SOURCE[0]}" "$checksums" 2>/dev/null | cut -d' ' -f1
    (cd "$photos" && find edge-cases demo -type f -printf '%p %s %T@\n' | LC_ALL=C sort)
  } | sha256sum | cut -d' ' -f1
}
stamp="$out/.made-from"
if ! $record && [[ -f $stamp ]] && [[ $(cat "$stamp") == "$(fingerprint)" ]]; then
  echo "make-test-photos: $out is up to date"
  exit 0
fi

work="$out.tmp-$$"
rm -rf "$work"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work"

# A copy that can be written and removed by the tests, whatever the source's permissions.
copy() {
  mkdir -p "$(dirname "$2")"
  cp "$1" "$2"
  chmod u+w "$2"
}

data="$work/data"
for f in "$edge"/jpg/orientation/{landscape,portrait}_[1-8].jpg; do
  copy "$f" "$data/orientation/$(basename "$f")"
done
copy "$edge/jpg/gps/DSCN0010.jpg" "$data/gps/DSCN0010.jpg"
copy "$edge/jpg/gps/DSCN0021.jpg" "$data/gps/DSCN0021.jpg"
copy "$edge/jpg/xmp/BlueSquare.jpg" "$data/xmp/BlueSquare.jpg"
copy "$edge/jpg/xmp/no_exif.jpg" "$data/xmp/no_exif.jpg"
copy "$edge/heic/IMG_5195.HEIC" "$data/heic/IMG_5195.HEIC"
copy "$edge/jpg/invalid/image01551.jpg" "$data/invalid/image01551.jpg"
copy "$edge/jpg/invalid/image00971.jpg" "$data/invalid/image00971.jpg"
copy "$edge/jpg/corrupted.jpg" "$data/invalid/corrupted.jpg"
copy "$edge/jpg/tests/33-type_error.jpg" "$data/hostile/33-type_error.jpg"
copy "$edge/jpg/tests/67-0_length_string.jpg" "$data/hostile/67-0_length_string.jpg"
copy "$edge/jpg/tests/32-lens_data.jpeg" "$data/hostile/32-lens_data.jpeg"
copy "$edge/tiff/Arbitro.tiff" "$data/tiff/Arbitro.tiff"

# Captions carried by one standard only, everything else removed first.
copy "$data/orientation/landscape_1.jpg" "$data/captions/iptc_only.jpg"
exiftool -q -q -overwrite_original -all= -IPTC:ObjectName="Red Square performers" \
  -IPTC:Caption-Abstract="Street performers on Red Square at dusk" -IPTC:Keywords=Moscow \
  -IPTC:Keywords=street -IPTC:By-line="Anna Petrova" \
  -IPTC:CopyrightNotice="© 2019 Anna Petrova" -IPTC:CodedCharacterSet=UTF8 \
  "$data/captions/iptc_only.jpg"
copy "$data/orientation/landscape_1.jpg" "$data/captions/xmp_only.jpg"
exiftool -q -q -overwrite_original -all= -XMP-dc:Title="Красная площадь" \
  -XMP-dc:Description="Вечер на Красной площади" -XMP-dc:Subject=Москва -XMP-dc:Subject=Siberia \
  -XMP-lr:HierarchicalSubject="Places|Europe|Paris" -XMP-dc:Creator="Анна Петрова" \
  -XMP-xmp:Rating=4 -XMP-photoshop:DateCreated="2019-05-01T19:45:10+03:00" \
  "$data/captions/xmp_only.jpg"

# The demo archive at 3000 px at most: the same camera metadata, a third of the pixels to decode.
max=3000
for series in streets nature machines; do
  mkdir -p "$work/demo/$series"
  for src in "$demo/$series"/*.jpg; do
    dst="$work/demo/$series/$(basename "$src")"
    width=$(vipsheader -f width "$src")
    height=$(vipsheader -f height "$src")
    if ((width > max || height > max)); then
      vips thumbnail "$src" "$dst[Q=90,optimize-coding]" "$max" --height "$max" --no-rotate
      exiftool -q -q -overwrite_original -TagsFromFile "$src" -all:all -unsafe -icc_profile \
        -ExifImageWidth= -ExifImageHeight= "$dst"
    else
      copy "$src" "$dst"
    fi
  done
done

mkdir -p "$work/seeds/metadata"
perl "$here/scripts/photoshop-thumbnail-jpeg.pl" \
  <"$demo/machines/Canon EOS-1D Mark III (via Adobe Lightroom).jpg" \
  >"$work/seeds/metadata/photoshop-thumbnail.jpg"

if $record; then
  (cd "$work" && find . -type f -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum) \
    >"$checksums"
  echo "make-test-photos: recorded $(wc -l <"$checksums") checksums in $checksums"
else
  made=$(cd "$work" && find . -type f -printf '%P\n' | LC_ALL=C sort)
  expected=$(cut -c67- "$checksums" | LC_ALL=C sort)
  if [[ $made != "$expected" ]] || ! (cd "$work" && sha256sum --quiet --strict -c "$checksums"); then
    echo "make-test-photos: the test photos made from $photos differ from the bytes recorded in" \
      "$checksums (files above). If ../shared/photos or the tools changed on purpose, review" \
      "the tests and run: $0 --record $photos $out" >&2
    exit 1
  fi
fi

fingerprint >"$work/.made-from"
rm -rf "$out.old-$$"
if [[ -e $out ]]; then mv "$out" "$out.old-$$"; fi
mv "$work" "$out"
rm -rf "$out.old-$$"
trap - EXIT
echo "make-test-photos: made $(find "$out" -type f ! -name .made-from | wc -l) files in $out"
