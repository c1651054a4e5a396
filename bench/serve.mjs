// `make bench` (second part): `vernissage serve` under load, against nginx serving the same
// derivative files as plain static files, in the same run on the same machine.
//
// A share of the 230 photos of bench/corpus/throughput (made by bench.mjs) is opened and all its
// images are rendered first. Then wrk, 200 connections for 20 s each:
//   gallery page   GET /s/TOKEN/ (vernissage renders it once and keeps it; nginx serves a copy)
//   960 px images  the 230 images cycled by a Lua script
// and, with 500 connections each trickling one byte a second, how long a normal request takes.
// Targets (issue 16): gallery p99 < 50 ms; images >= 0.5x nginx's requests/s; peak RSS < 200 MB;
// no errors. Writes bench/results/serve.json and serve.md.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const vernissage = join(here, '..', 'build', 'vernissage');
const corpus = join(here, 'corpus', 'throughput');
const runs = join(here, 'runs', 'serve');
const connections = 200;
const duration = '20s';

if (!existsSync(corpus)) {
  process.stderr.write(`bench/serve: no corpus at ${corpus}; run make bench (bench.mjs makes it)\n`);
  process.exit(2);
}
rmSync(runs, { recursive: true, force: true });
mkdirSync(runs, { recursive: true });
const catalogue = join(runs, 'catalogue.db');
const run = (args) => execFileSync(vernissage, [...args, '--catalogue', catalogue], { encoding: 'utf8' }).trim();
run(['index', corpus, '-q']);
const link = run(['share', 'create', '--album', corpus, '--recursive', '--to', 'bench']);

function startServer() {
  const child = spawn(vernissage, ['serve', '--listen', '127.0.0.1:0', '--catalogue', catalogue, '-q'],
    { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (127\.0\.0\.1:\d+)/);
      if (m) resolve({ child, base: `http://${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

const peakRss = (pid) => Number(/VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const { child: renderer, base: renderBase } = await startServer();
let base = renderBase;
const page = await (await fetch(base + link)).text();
const images = [...new Set([...page.matchAll(/media\/[0-9a-f]{2}\/[0-9a-f]+-960\.jpg/g)].map((m) => m[0]))];
process.stderr.write(`Share of ${images.length} photos at ${link}; rendering its images ...\n`);
// Every image of every size, so that the load below measures serving, not rendering.
const every = [...new Set([...page.matchAll(/media\/[0-9a-f]{2}\/[0-9a-f]+-\d+\.jpg/g)].map((m) => m[0]))];
const renderStart = Date.now();
for (const name of every) {
  const response = await fetch(base + link + name);
  if (response.status !== 200) throw new Error(`${name}: HTTP ${response.status}`);
  await response.arrayBuffer();
}
const renderSeconds = (Date.now() - renderStart) / 1000;
const renderRss = peakRss(renderer.pid);
process.stderr.write(`  ${every.length} images ready in ${renderSeconds.toFixed(1)} s, peak RSS ${renderRss.toFixed(0)} MB\n`);
// Serving is measured on a fresh process: its peak memory is that of serving alone.
renderer.kill('SIGTERM');
await new Promise((resolve) => renderer.on('exit', resolve));
const { child: server, base: serveBase } = await startServer();
base = serveBase;

// nginx serves the same files under the same addresses.
const privateImages = `${catalogue}.shares/images`;
const staticRoot = join(runs, 'static');
mkdirSync(join(staticRoot, link), { recursive: true });
writeFileSync(join(staticRoot, link, 'index.html'), page);
const nginxPort = 20000 + Math.floor(Math.random() * 20000);
const nginxConf = join(runs, 'nginx.conf');
writeFileSync(nginxConf, `
${process.getuid() === 0 ? 'user root;' : ''}
worker_processes ${cpus().length};
daemon off;
pid ${join(runs, 'nginx.pid')};
error_log ${join(runs, 'nginx-error.log')};
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  types { text/html html; image/jpeg jpg; }
  client_body_temp_path ${runs}/nginx-body;
  proxy_temp_path ${runs}/nginx-proxy;
  fastcgi_temp_path ${runs}/nginx-fastcgi;
  uwsgi_temp_path ${runs}/nginx-uwsgi;
  scgi_temp_path ${runs}/nginx-scgi;
  server {
    listen 127.0.0.1:${nginxPort};
    location ${link}media/ { alias ${privateImages}/media/; }
    location / { root ${staticRoot}; }
  }
}
`);
const nginx = spawn('/usr/sbin/nginx', ['-c', nginxConf, '-p', runs], { stdio: 'inherit' });
await new Promise((resolve) => setTimeout(resolve, 500));
const nginxBase = `http://127.0.0.1:${nginxPort}`;
if ((await fetch(nginxBase + link + images[0])).status !== 200) throw new Error('nginx does not serve the images');

const lua = join(runs, 'images.lua');
writeFileSync(lua, `local paths = {${images.map((i) => `"${link}${i}"`).join(',')}}
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1])
end
`);

// wrk's summary: requests/s, latency percentiles (ms), errors.
function wrk(label, url, script) {
  process.stderr.write(`  ${label} ... `);
  const args = ['-t', String(cpus().length), '-c', String(connections), '-d', duration, '--latency'];
  if (script) args.push('-s', script);
  const out = execFileSync('wrk', [...args, url], { encoding: 'utf8' });
  const ms = (text) => {
    const m = /([\d.]+)(us|ms|s)/.exec(text);
    return Number(m[1]) * ({ us: 0.001, ms: 1, s: 1000 })[m[2]];
  };
  const percentile = (p) => ms(new RegExp(`\\s${p}%\\s+(\\S+)`).exec(out)[1]);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const non2xx = /Non-2xx or 3xx responses: (\d+)/.exec(out);
  const result = {
    requests_per_s: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)[1]),
    p50_ms: percentile(50), p99_ms: percentile(99),
    errors: (socket ? socket.slice(1).reduce((s, v) => s + Number(v), 0) : 0) + (non2xx ? Number(non2xx[1]) : 0),
  };
  process.stderr.write(`${result.requests_per_s.toFixed(0)} req/s, p99 ${result.p99_ms.toFixed(1)} ms, ${result.errors} errors\n`);
  return result;
}

const results = {
  photos: images.length, connections, duration, render_seconds: renderSeconds,
  vernissage_page: wrk('vernissage gallery page', base + link),
  nginx_page: wrk('nginx gallery page (static copy)', nginxBase + link),
  vernissage_images: wrk('vernissage 960 px images', base, lua),
  nginx_images: wrk('nginx 960 px images', nginxBase, lua),
};

// 500 clients each sending a byte a second, and a normal client among them.
const slow = [];
const port = Number(new URL(base).port);
for (let i = 0; i < 500; i++) {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => {});
  slow.push(socket);
}
const trickle = setInterval(() => { for (const s of slow) if (!s.destroyed) s.write('G'); }, 1000);
await new Promise((resolve) => setTimeout(resolve, 3000));
const latencies = [];
for (let i = 0; i < 20; i++) {
  const started = process.hrtime.bigint();
  const response = await fetch(base + link);
  await response.text();
  latencies.push(Number(process.hrtime.bigint() - started) / 1e6);
}
clearInterval(trickle);
for (const s of slow) s.destroy();
latencies.sort((a, b) => a - b);
results.slow_clients = { slow: 500, normal_requests: 20, max_ms: latencies.at(-1), median_ms: latencies[10] };
process.stderr.write(`  with 500 trickling clients: median ${latencies[10].toFixed(1)} ms, max ${latencies.at(-1).toFixed(1)} ms\n`);

results.vernissage_peak_rss_mb = peakRss(server.pid);
results.render_peak_rss_mb = renderRss;
server.kill('SIGTERM');
await new Promise((resolve) => server.on('exit', resolve));

// Downloads: the ZIP of all originals of a link (each cleaned of GPS and serials on the way
// out), streamed, against zip -0 of the same files; on a fresh server, so its peak memory is the
// download's.
const zipLink = run(['share', 'create', '--album', corpus, '--recursive', '--to', 'zip', '--downloads', 'original']);
const { child: zipServer, base: zipBase } = await startServer();
await (await fetch(zipBase + zipLink)).text();
const zipFile = join(runs, 'all.zip');
const zipStart = process.hrtime.bigint();
const zipResponse = await fetch(zipBase + zipLink + 'download/all.zip');
const reader = zipResponse.body.getReader();
let firstByteMs = null;
let zipBytes = 0;
const parts = [];
for (;;) {
  const { done, value } = await reader.read();
  if (done) break;
  if (firstByteMs === null) firstByteMs = Number(process.hrtime.bigint() - zipStart) / 1e6;
  zipBytes += value.length;
  parts.push(value);
}
const zipSeconds = Number(process.hrtime.bigint() - zipStart) / 1e9;
writeFileSync(zipFile, Buffer.concat(parts));
parts.length = 0;
const zipRss = peakRss(zipServer.pid);
zipServer.kill('SIGTERM');
const entries = execFileSync('unzip', ['-Z1', zipFile], { encoding: 'utf8', maxBuffer: 1 << 26 }).trim().split('\n').length;
execFileSync('unzip', ['-tq', zipFile]);
const peerZip = join(runs, 'peer.zip');
const peerStart = process.hrtime.bigint();
execFileSync('zip', ['-0', '-q', '-r', peerZip, '.'], { cwd: corpus, maxBuffer: 1 << 26 });
const peerSeconds = Number(process.hrtime.bigint() - peerStart) / 1e9;
results.zip_originals = {
  photos: entries, megabytes: zipBytes / 1e6, seconds: zipSeconds, first_byte_ms: firstByteMs,
  mb_per_s: zipBytes / 1e6 / zipSeconds, peak_rss_mb: zipRss,
  zip0_seconds: peerSeconds, zip0_mb_per_s: zipBytes / 1e6 / peerSeconds,
};
process.stderr.write(`  ZIP of ${entries} originals: first byte ${firstByteMs.toFixed(0)} ms, ${(zipBytes / 1e6 / zipSeconds).toFixed(0)} MB/s, peak RSS ${zipRss.toFixed(0)} MB; zip -0: ${peerSeconds.toFixed(2)} s\n`);
nginx.kill('SIGQUIT');

const v = results;
const ratio = v.vernissage_images.requests_per_s / v.nginx_images.requests_per_s;
const machine = `${cpus().length} × ${cpus()[0].model.trim()}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`;
const lines = [
  `Machine: ${machine}`,
  `A share of ${v.photos} photos; wrk, ${connections} connections, ${duration} per run; ${spawnSync('/usr/sbin/nginx', ['-v'], { encoding: 'utf8' }).stderr.trim()} (${cpus().length} workers, sendfile, tcp_nopush)`,
  '',
  '| run | requests/s | p50 ms | p99 ms | errors |',
  '| --- | ---: | ---: | ---: | ---: |',
  ...[['vernissage serve: gallery page', v.vernissage_page], ['nginx: the same page as a file', v.nginx_page],
    ['vernissage serve: 960 px images', v.vernissage_images], ['nginx: the same images', v.nginx_images]]
    .map(([name, r]) => `| ${name} | ${r.requests_per_s.toFixed(0)} | ${r.p50_ms.toFixed(2)} | ${r.p99_ms.toFixed(2)} | ${r.errors} |`),
  '',
  `Images vs nginx: ${ratio.toFixed(2)}× its requests/s (target ≥ 0.5×); gallery page p99 ${v.vernissage_page.p99_ms.toFixed(1)} ms (target < 50 ms)`,
  `Peak RSS of vernissage serve under all the load above: ${v.vernissage_peak_rss_mb.toFixed(0)} MB (target < 200 MB)`,
  `A normal request among 500 clients trickling a byte a second: median ${v.slow_clients.median_ms.toFixed(1)} ms, max ${v.slow_clients.max_ms.toFixed(1)} ms (target < 100 ms)`,
  `ZIP of the link's ${v.zip_originals.photos} originals (${v.zip_originals.megabytes.toFixed(0)} MB, each cleaned of GPS and serials on the way out): first byte after ${v.zip_originals.first_byte_ms.toFixed(0)} ms, ${v.zip_originals.mb_per_s.toFixed(0)} MB/s, server peak RSS ${v.zip_originals.peak_rss_mb.toFixed(0)} MB; zip -0 of the same files: ${v.zip_originals.zip0_seconds.toFixed(2)} s (${v.zip_originals.zip0_mb_per_s.toFixed(0)} MB/s)`,
  `Rendering the share's ${every.length} images on first view (4 sizes, ${cpus().length} workers): ${renderSeconds.toFixed(1)} s, peak RSS ${renderRss.toFixed(0)} MB`,
];
console.log(lines.join('\n'));
mkdirSync(join(here, 'results'), { recursive: true });
writeFileSync(join(here, 'results', 'serve.json'), JSON.stringify({ machine, results, ratios: { images_vs_nginx: ratio } }, null, 2) + '\n');
writeFileSync(join(here, 'results', 'serve.md'), lines.join('\n') + '\n');
process.exit(0);
