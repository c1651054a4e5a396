// A static file server on 127.0.0.1 for the browser tests and `make check-site`: the generated
// site uses ES modules, which browsers refuse to load from file:// pages.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript',
  '.svg': 'image/svg+xml', '.jpg': 'image/jpeg', '.webp': 'image/webp', '.avif': 'image/avif',
  '.xml': 'application/xml', '.json': 'application/json',
};

export async function serve(root, port = 0) {
  const server = createServer(async (request, response) => {
    try {
      let path = decodeURIComponent(new URL(request.url, 'http://x').pathname);
      path = normalize(join(root, path));
      if (!path.startsWith(normalize(root) + sep) && path !== normalize(root)) throw new Error('outside');
      if ((await stat(path)).isDirectory()) path = join(path, 'index.html');
      const body = await readFile(path);
      response.writeHead(200, {
        'content-type': types[extname(path)] || 'application/octet-stream',
        // Fingerprinted assets and recipe-named images never change under their names.
        'cache-control': /\/(assets|media)\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      });
      response.end(body);
    } catch {
      response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      response.end(await readFile(join(root, '404.html')).catch(() => 'not found'));
    }
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() };
}

// `node tests/browser/serve.mjs SITE [PORT]` serves a site until interrupted.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { url } = await serve(process.argv[2], Number(process.argv[3] || 8080));
  console.log(`Serving ${process.argv[2]} at ${url}`);
}
