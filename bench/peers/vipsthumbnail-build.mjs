// Peer: the same derivatives made with vipsthumbnail (libvips-tools), one process per output, as
// many at once as there are cores.
// Usage: node vipsthumbnail-build.mjs INPUT_DIR OUTPUT_DIR SIZES(comma) QUALITY
import { spawn } from 'node:child_process';
import { cpus } from 'node:os';
import { mkdir, readdir } from 'node:fs/promises';
import { join, parse, relative } from 'node:path';

const [input, output, sizeList, quality] = process.argv.slice(2);
const jobs = [];
async function collect(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await collect(path);
    else if (/\.jpe?g$/i.test(entry.name)) {
      const target = join(output, relative(input, dir));
      await mkdir(target, { recursive: true });
      for (const size of sizeList.split(',')) {
        jobs.push(['vipsthumbnail', [path, '-s', `${size}x${size}`, '-o',
          join(target, `${parse(path).name}-${size}.jpg[Q=${quality}]`)]]);
      }
    }
  }
}
await collect(input);
const run = ([command, args]) => new Promise((resolve, reject) => {
  spawn(command, args, { stdio: 'inherit' }).on('exit', (code) =>
    (code === 0 ? resolve() : reject(new Error(`${command} exited ${code}`))));
});
async function worker() { for (let job = jobs.shift(); job; job = jobs.shift()) await run(job); }
await Promise.all(Array.from({ length: cpus().length }, worker));
