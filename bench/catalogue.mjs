// `make bench`: the catalogue on SQLite against PostgreSQL, on the same machine in the same run.
//   index   `vernissage index` of the throughput corpus (230 real photos; bench.mjs makes it)
//   fill    writing 100,000 and 1,000,000 synthetic rows (bench_fill_catalogue, 10,000 a batch)
//   search  three queries on each size, the median of 5 runs of the query itself as
//           `vernissage search -v` reports it (event search.done), and of the whole process
// PostgreSQL is a server of the bench's own (scripts/postgres/local-server.sh: Debian's
// postgresql-15, fsync off as in the tests), stopped at the end. Prints a table and writes
// bench/results/catalogue.json.
//   node bench/catalogue.mjs [ROWS...]   (default: 100000 1000000)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '..');
const vernissage = join(repo, 'build', 'vernissage');
const fill = join(repo, 'build', 'bench_fill_catalogue');
const runs = join(here, 'runs', 'catalogue');
const corpus = join(here, 'corpus', 'throughput');
const sizes = process.argv.length > 2 ? process.argv.slice(2).map(Number) : [100000, 1000000];
const queries = [
  ['filters and words', 'street keyword:moscow rating:>=3', []],
  ['the same, first 50', 'street keyword:moscow rating:>=3', ['--limit', '50']],
  ['camera and year', 'camera:nikon taken:2019', []],
  ['one common word', 'ночь', []],
];

rmSync(runs, { recursive: true, force: true });
mkdirSync(runs, { recursive: true });
const server = join(runs, 'postgres');
const url = execFileSync('bash', [join(repo, 'scripts/postgres/local-server.sh'), 'start', server],
  { encoding: 'utf8' }).trim();
const base = url.slice(0, url.lastIndexOf('/') + 1);
const psql = (sql) => execFileSync('psql', [url, '-qAtc', sql], { encoding: 'utf8' }).trim();
let databases = 0;
const fresh = (backend) => {
  databases += 1;
  if (backend === 'sqlite') return join(runs, `c${databases}.db`);
  psql(`CREATE DATABASE c${databases}`);
  return `${base}c${databases}`;
};
const seconds = (fn) => {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
};
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const sizeOf = (backend, location) => backend === 'sqlite' ? statSync(location).size
  : Number(psql(`SELECT pg_database_size('${location.slice(base.length)}')`));

const results = { machine: `${process.platform}, node ${process.version}`, index: {}, sizes: {} };
try {
  for (const backend of ['sqlite', 'postgresql']) {
    if (!existsSync(corpus)) break;
    const times = [];
    for (let round = 0; round < 3; round++) {
      const location = fresh(backend);
      times.push(seconds(() => execFileSync(vernissage, ['index', corpus, '--catalogue', location, '-q'],
        { stdio: 'ignore' })));
    }
    results.index[backend] = median(times);
    process.stderr.write(`index ${backend}: ${results.index[backend].toFixed(2)} s\n`);
  }
  for (const rows of sizes) {
    results.sizes[rows] = {};
    for (const backend of ['sqlite', 'postgresql']) {
      const location = fresh(backend);
      const fill_s = seconds(() => execFileSync(fill, [location, String(rows)]));
      const entry = { fill_s, bytes: sizeOf(backend, location), queries: {} };
      for (const [name, query, extra] of queries) {
        const samples = [];
        for (let round = 0; round < 5; round++) {
          const started = process.hrtime.bigint();
          const run = spawnSync(vernissage, ['search', query, '--catalogue', location, '--paths', '-v', ...extra],
            { encoding: 'utf8', maxBuffer: 1 << 28 });
          const wall_ms = Number(process.hrtime.bigint() - started) / 1e6;
          const event = /event=search.done photos=(\d+) us=(\d+)/.exec(run.stderr);
          if (run.status !== 0 || !event) throw new Error(`search failed (${run.status}): ${run.stderr}`);
          samples.push({ matches: Number(event[1]), query_ms: Number(event[2]) / 1000, wall_ms });
        }
        entry.queries[name] = {
          query: `${query} ${extra.join(' ')}`.trim(), matches: samples[0].matches,
          query_ms: median(samples.map((s) => s.query_ms)), wall_ms: median(samples.map((s) => s.wall_ms)),
        };
      }
      results.sizes[rows][backend] = entry;
      process.stderr.write(`${rows} rows ${backend}: filled in ${fill_s.toFixed(1)} s\n`);
    }
  }
} finally {
  execFileSync('bash', [join(repo, 'scripts/postgres/local-server.sh'), 'stop', server]);
}

const lines = ['', 'Catalogue: SQLite against PostgreSQL 15 (same machine, same run)', ''];
const row = (cells) => lines.push(`| ${cells.join(' | ')} |`);
if (results.index.sqlite) {
  row(['index of 230 photos', 'SQLite', 'PostgreSQL', 'PostgreSQL / SQLite']);
  row(['---', '---:', '---:', '---:']);
  row(['seconds (median of 3)', results.index.sqlite.toFixed(2), results.index.postgresql.toFixed(2),
    `${(results.index.postgresql / results.index.sqlite).toFixed(2)}×`]);
  lines.push('');
}
row(['rows', 'what', 'matches', 'SQLite', 'PostgreSQL', 'PostgreSQL / SQLite']);
row(['---:', '---', '---:', '---:', '---:', '---:']);
for (const [rows, by] of Object.entries(results.sizes)) {
  const s = by.sqlite;
  const p = by.postgresql;
  const n = Number(rows).toLocaleString('en');
  row([n, 'write (10,000 a transaction)', '', `${s.fill_s.toFixed(1)} s`, `${p.fill_s.toFixed(1)} s`, `${(p.fill_s / s.fill_s).toFixed(2)}×`]);
  row([n, 'size on disk', '', `${(s.bytes / 1e6).toFixed(0)} MB`, `${(p.bytes / 1e6).toFixed(0)} MB`, `${(p.bytes / s.bytes).toFixed(2)}×`]);
  for (const name of Object.keys(s.queries)) {
    const a = s.queries[name];
    const b = p.queries[name];
    if (a.matches !== b.matches) throw new Error(`${name}: SQLite found ${a.matches}, PostgreSQL ${b.matches}`);
    row([n, `\`${a.query}\``, a.matches.toLocaleString('en'), `${a.query_ms.toFixed(0)} ms (${a.wall_ms.toFixed(0)} ms)`,
      `${b.query_ms.toFixed(0)} ms (${b.wall_ms.toFixed(0)} ms)`, `${(b.query_ms / a.query_ms).toFixed(2)}×`]);
  }
}
lines.push('', 'Search times: the query in the catalogue (the whole `vernissage search` process in brackets).');
process.stdout.write(`${lines.join('\n')}\n`);
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'catalogue.json'), `${JSON.stringify(results, null, 2)}\n`);
