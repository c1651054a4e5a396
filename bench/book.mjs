// `make bench`: the printed side of the show on the photos of `make run` (the 23 demo photos and
// the 8 camera RAWs, with examples/demo's album.toml and captions): `vernissage book` with no
// picture made yet and again, and `vernissage labels`. Prints seconds per plate and the PDFs'
// sizes; writes bench/results/book.json.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const vernissage = join(repo, 'build', 'vernissage');
const runs = join(here, 'runs', 'book');
const shared = process.env.VERNISSAGE_PHOTOS ?? join(repo, '..', 'shared', 'photos');
rmSync(runs, { recursive: true, force: true });
mkdirSync(runs, { recursive: true });
// The demo folder make run publishes: the demo photos and the RAW samples, linked, never copied.
const photos = join(runs, 'photos');
execFileSync('bash', [join(repo, 'scripts/demo-photos.sh'), shared, photos]);
const env = { ...process.env, XDG_CACHE_HOME: join(runs, 'cache') };
const catalogue = join(runs, 'catalogue.db');
const time = (args) => {
  const started = process.hrtime.bigint();
  const run = spawnSync(vernissage, args, { env, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (run.status !== 0) throw new Error(`vernissage ${args[0]} failed (${run.status}): ${run.stderr}`);
  return { seconds: Number(process.hrtime.bigint() - started) / 1e9, err: run.stderr };
};
const common = ['--texts', join(repo, 'examples', 'demo'), '--catalogue', catalogue];
// The catalogue first, so that the book's times are the book's own.
spawnSync(vernissage, ['index', photos, '--catalogue', catalogue, '-q'], { env, stdio: 'ignore' });
const book = join(runs, 'catalogue.pdf');
const cold = time(['book', photos, '-o', book, '--bleed', '3mm', ...common]);
const plates = Number(/(\d+) plates?\b/.exec(cold.err)[1]);
const warm = time(['book', photos, '-o', book, '--bleed', '3mm', ...common, '-q']);
const labels = join(runs, 'labels.pdf');
const label = time(['labels', photos, '-o', labels, ...common, '-q']);
const results = {
  plates,
  book_cold_s: cold.seconds, book_warm_s: warm.seconds,
  seconds_per_plate_cold: cold.seconds / plates, seconds_per_plate_warm: warm.seconds / plates,
  book_bytes: statSync(book).size, labels_s: label.seconds, labels_bytes: statSync(labels).size,
};
const mb = (bytes) => (bytes < 1e6 ? `${(bytes / 1e3).toFixed(0)} kB` : `${(bytes / 1e6).toFixed(1)} MB`);
process.stdout.write([
  '', `The show on paper (${plates} plates of the make run photos)`, '',
  '| run | seconds | per plate | PDF |', '| --- | ---: | ---: | ---: |',
  `| book, no picture made yet | ${cold.seconds.toFixed(2)} | ${results.seconds_per_plate_cold.toFixed(3)} | ${mb(results.book_bytes)} |`,
  `| book again (pictures cached) | ${warm.seconds.toFixed(2)} | ${results.seconds_per_plate_warm.toFixed(3)} | ${mb(results.book_bytes)} |`,
  `| wall labels | ${label.seconds.toFixed(2)} | ${(label.seconds / plates).toFixed(3)} | ${mb(results.labels_bytes)} |`,
  '',
].join('\n'));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'book.json'), `${JSON.stringify(results, null, 2)}\n`);
