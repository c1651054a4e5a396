// Peer: the same derivatives made with sharp (libvips in-process), idiomatically: each photo
// rotated upright and resized to every size as JPEG, as many photos at once as there are cores.
// Usage: node sharp-build.mjs INPUT_DIR OUTPUT_DIR SIZES(comma) QUALITY
import sharp from 'sharp';
import { cpus } from 'node:os';
import { mkdir, readdir } from 'node:fs/promises';
import { join, parse, relative } from 'node:path';

const [input, output, sizeList, quality] = process.argv.slice(2);
const sizes = sizeList.split(',').map(Number);

async function* photos(dir) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* photos(path);
    else if (/\.jpe?g$/i.test(entry.name)) yield path;
  }
}

const queue = [];
for await (const path of photos(input)) queue.push(path);
async function worker() {
  for (let path = queue.shift(); path; path = queue.shift()) {
    const target = join(output, relative(input, parse(path).dir));
    await mkdir(target, { recursive: true });
    await Promise.all(sizes.map((size) => sharp(path)
      .rotate()
      .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
      .jpeg({ quality: Number(quality) })
      .toFile(join(target, `${parse(path).name}-${size}.jpg`))));
  }
}
await Promise.all(Array.from({ length: cpus().length }, worker));
