// `make bench`, camera RAW: photos per second through Vernissage's two RAW paths, against LibRaw's
// own tools and thumbsup's dcraw path, on the same files in the same run. Writes
// bench/results/raw.json and raw.md.
//
// Corpora (bench/corpus/, rebuilt when missing), made from ../shared/photos/raw, each sample
// copied ten times and made byte-distinct, so that no cache can tell the copies apart: bytes
// appended past a TIFF-based file's end, which its readers ignore, and for a CRW (whose heap is
// found from its last bytes) the reserved bytes of its header:
//   raw-develop  the four samples with whole sensor data (Canon D30 CRW, Blackmagic CinemaDNG,
//                Canon 6D and LG G4 lossy DNGs): 40 files
//   raw-preview  the five samples whose embedded JPEG covers a 960 px page (D30 CRW, 6D DNG,
//                Nikon NEF, Sony ARW, Canon CR2): 50 files
// Vernissage makes JPEGs at 480 and 960 px from each. The peers do less: dcraw_emu -h develops
// to a half-size PPM (no resize, no encode), simple_dcraw -e writes the embedded JPEG out as it
// is, thumbsup (--include-raw-photos, GraphicsMagick with Debian's dcraw as its delegate) makes
// its thumbnails and large images, a gallery besides.
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const vernissage = join(repo, 'build', 'vernissage');
const runs = join(here, 'runs');
const rawSamples = join(process.env.VERNISSAGE_PHOTOS ?? join(repo, '..', 'shared', 'photos'), 'raw');
if (!existsSync(rawSamples)) {
  process.stderr.write(`bench/raw: no RAW samples at ${rawSamples}\n`);
  process.exit(2);
}
const workers = cpus().length;

function corpus(name, samples) {
  const dir = join(here, 'corpus', name);
  if (!existsSync(dir)) {
    mkdirSync(dir, { recursive: true });
    for (let copy = 0; copy < 10; copy++) {
      for (const sample of samples) {
        const bytes = readFileSync(join(rawSamples, sample));
        const dot = sample.lastIndexOf('.');
        const target = join(dir, `${sample.slice(0, dot)}-${copy}${sample.slice(dot)}`);
        if (sample.endsWith('.crw')) {
          bytes.writeUInt32LE(0x76657200 + copy, 18);  // "II" len "HEAPCCDR" version, then reserved
          writeFileSync(target, bytes);
        } else {
          writeFileSync(target, Buffer.concat([bytes, Buffer.from(`vernissage-bench ${copy}`)]));
        }
      }
    }
  }
  return { dir, files: readdirSync(dir).sort().map((f) => join(dir, f)) };
}

function measure(label, command, args, options = {}) {
  process.stderr.write(`  ${label} ... `);
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-f', '%M', command, ...args], {
    encoding: 'utf8', cwd: options.cwd, maxBuffer: 1 << 26, shell: false,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kilobytes = Number(result.stderr.trim().split('\n').pop());
  if (result.status !== 0 && !(options.okCodes || []).includes(result.status)) {
    throw new Error(`${label} failed (${result.status}):\n${result.stderr.slice(-2000)}`);
  }
  process.stderr.write(`${seconds.toFixed(2)} s, ${(kilobytes / 1024).toFixed(0)} MB\n`);
  return { seconds, peak_rss_mb: kilobytes / 1024 };
}

const fresh = (dir) => { rmSync(dir, { recursive: true, force: true }); mkdirSync(dir, { recursive: true }); return dir; };

const develop = corpus('raw-develop', ['canon_eos_d30.crw', 'blackmagic_pocket4k.dng',
  'canon_eos_6d_lossy.dng', 'lg_h815_lossy_1mp.dng']);
const preview = corpus('raw-preview', ['canon_eos_d30.crw', 'canon_eos_6d_lossy.dng',
  'nikon_d7100_truncated.nef', 'sony_slt-a55_truncated.arw', 'canon_1ds3_truncated.cr2']);

process.stderr.write(`RAW: ${develop.files.length} files to develop, ${preview.files.length} with previews, ${workers} cores\n`);
const results = {};
const build = (label, input, mode) => {
  const out = fresh(join(runs, `raw-${mode}`));
  rmSync(join(runs, `raw-${mode}.db`), { force: true });
  return measure(label, vernissage, ['build', input, '-o', join(out, 'site'), '--raw', mode,
    '--sizes', '480,960', '--formats', 'jpeg', '--catalogue', join(runs, `raw-${mode}.db`), '-q']);
};
results.vernissage_preview = build('vernissage --raw preview', preview.dir, 'preview');
results.vernissage_develop = build('vernissage --raw develop', develop.dir, 'develop');

// The peers, one process per file, as many at once as there are cores (xargs -P).
const perFile = (label, files, command) => {
  const out = fresh(join(runs, label.replace(/\W+/g, '-')));
  const list = join(out, 'files.txt');
  writeFileSync(list, files.map((f) => {
    const copy = join(out, f.split('/').pop());
    copyFileSync(f, copy);
    return copy;
  }).join('\n') + '\n');
  return measure(label, 'bash', ['-c', `xargs -P ${workers} -n 1 ${command} < "${list}" > /dev/null`]);
};
results.dcraw_emu_half = perFile('dcraw_emu -w -h (half-size PPM)', develop.files, 'dcraw_emu -w -h');
results.simple_dcraw_e = perFile('simple_dcraw -e (preview out as is)', preview.files, 'simple_dcraw -e');
const thumbsup = join(here, 'node_modules', '.bin', 'thumbsup');
const thumbsupInput = fresh(join(runs, 'thumbsup-raw-input'));
for (const f of develop.files) copyFileSync(f, join(thumbsupInput, f.split('/').pop()));
results.thumbsup_dcraw = measure('thumbsup --include-raw-photos (dcraw)', thumbsup,
  ['--input', thumbsupInput, '--output', fresh(join(runs, 'thumbsup-raw')), '--include-raw-photos',
    '--log', 'default']);
const thumbsupMade = readdirSync(join(runs, 'thumbsup-raw', 'media', 'large'), { recursive: true })
  .filter((f) => /\.jpe?g$/i.test(f)).length;

const madeIn = (label, pattern) => readdirSync(join(runs, label.replace(/\W+/g, '-'))).filter((f) => pattern.test(f)).length;
const previewsOut = madeIn('simple_dcraw -e (preview out as is)', /\.thumb\.jpg$/);
const ppmsOut = madeIn('dcraw_emu -w -h (half-size PPM)', /\.ppm$/);
const rate = (r, files) => files.length / r.seconds;
const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const rows = [
  ['Vernissage, preview path (480 + 960 px JPEGs)', results.vernissage_preview, preview.files],
  [`simple_dcraw -e (preview written out as it is; ${previewsOut} of ${preview.files.length} made)`, results.simple_dcraw_e, preview.files],
  ['Vernissage, develop path (480 + 960 px JPEGs)', results.vernissage_develop, develop.files],
  [`dcraw_emu -w -h (half-size PPM, no resize; ${ppmsOut} of ${develop.files.length} made)`, results.dcraw_emu_half, develop.files],
  [`thumbsup + dcraw (gallery; ${thumbsupMade} of ${develop.files.length} large images made)`, results.thumbsup_dcraw, develop.files],
];
const lines = [`Machine: ${machine}`, '', '| run | files | seconds | photos/s | peak RSS |', '| --- | ---: | ---: | ---: | ---: |'];
for (const [label, r, files] of rows) {
  lines.push(`| ${label} | ${files.length} | ${r.seconds.toFixed(2)} | ${rate(r, files).toFixed(1)} | ${r.peak_rss_mb.toFixed(0)} MB |`);
}
const ratios = {
  preview_vs_develop: rate(results.vernissage_preview, preview.files) / rate(results.vernissage_develop, develop.files),
  develop_vs_dcraw_emu: rate(results.vernissage_develop, develop.files) / rate(results.dcraw_emu_half, develop.files),
  develop_vs_thumbsup: rate(results.vernissage_develop, develop.files) / rate(results.thumbsup_dcraw, develop.files),
  preview_vs_simple_dcraw: rate(results.vernissage_preview, preview.files) / rate(results.simple_dcraw_e, preview.files),
};
lines.push('');
lines.push(`Preview path vs develop path: ${ratios.preview_vs_develop.toFixed(1)}× the photos/s`);
lines.push(`Develop path vs dcraw_emu -h: ${ratios.develop_vs_dcraw_emu.toFixed(2)}×; vs thumbsup's dcraw path: ${ratios.develop_vs_thumbsup.toFixed(1)}×`);
lines.push(`Preview path vs simple_dcraw -e: ${ratios.preview_vs_simple_dcraw.toFixed(2)}×`);
process.stdout.write(lines.join('\n') + '\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'raw.json'), JSON.stringify({ machine, results, ratios, thumbsup_large_images: thumbsupMade, simple_dcraw_previews: previewsOut, dcraw_emu_ppms: ppmsOut }, null, 2) + '\n');
writeFileSync(join(here, 'results', 'raw.md'), lines.join('\n') + '\n');
