// `make bench`, sharded builds: the throughput corpus (230 photos, made by bench.mjs) built by one
// process with 2 workers, against 2 processes at once, one shard each with 1 worker, and the
// assembly: the same number of workers, so the ratio is what splitting a build into processes
// costs or saves on one machine (the cluster case multiplies machines; see docs/scale.md).
// Writes bench/results/shard.json and shard.md.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vernissage = join(here, '..', 'build', 'vernissage');
const corpus = join(here, 'corpus', 'throughput');
if (!existsSync(corpus)) {
  process.stderr.write('bench/shard: run bench/bench.mjs first (it makes bench/corpus/throughput)\n');
  process.exit(2);
}
const runs = join(here, 'runs', 'shard');
const flags = ['--sizes', '480,960,1600', '--formats', 'jpeg', '--quality', '82', '-q'];

const run = (args) => new Promise((resolve, reject) => {
  const child = spawn(vernissage, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let err = '';
  child.stderr.on('data', (d) => { err += d; });
  child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${args.join(' ')}: ${code}\n${err}`))));
});
const fresh = () => { rmSync(runs, { recursive: true, force: true }); mkdirSync(runs, { recursive: true }); };
const timed = async (label, body) => {
  process.stderr.write(`  ${label} ... `);
  const started = process.hrtime.bigint();
  await body();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(`${seconds.toFixed(2)} s\n`);
  return seconds;
};

const single = [], sharded = [];
for (let round = 0; round < 3; round++) {
  fresh();
  single.push(await timed('one process, -j 2', () => run(['build', corpus, '-o', join(runs, 'single'),
    '--catalogue', join(runs, 'single.db'), '-j', '2', ...flags])));
  fresh();
  const site = join(runs, 'site'), db = join(runs, 'shared.db');
  sharded.push(await timed('two shards at once (-j 1 each), then --assemble', async () => {
    await Promise.all([0, 1].map((i) => run(['build', corpus, '-o', site, '--catalogue', db,
      '--shard', `${i}/2`, '-j', '1', ...flags])));
    await run(['build', corpus, '-o', site, '--catalogue', db, '--assemble', ...flags]);
  }));
}
const median = (values) => [...values].sort((a, b) => a - b)[1];
const results = { single_seconds: median(single), sharded_seconds: median(sharded), single, sharded };
const speedup = results.single_seconds / results.sharded_seconds;
const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const lines = [
  `Machine: ${machine}; 230 photos, JPEG at 480, 960, 1600 px; median of 3 alternating rounds`,
  '',
  '| run | seconds |',
  '| --- | ---: |',
  `| one process, 2 workers | ${results.single_seconds.toFixed(2)} |`,
  `| 2 shards at once, 1 worker each, then the assembly | ${results.sharded_seconds.toFixed(2)} |`,
  '',
  `Shards against one process with the same workers: ${speedup.toFixed(2)}× the speed`,
];
process.stdout.write(lines.join('\n') + '\n');
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'shard.json'), JSON.stringify({ machine, results, speedup }, null, 2) + '\n');
writeFileSync(join(here, 'results', 'shard.md'), lines.join('\n') + '\n');
