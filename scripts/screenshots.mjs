// Takes the README's screenshots of a built site: desktop and phone, home, About and album
// pages, a photo page and the lightbox.
// Usage: node scripts/screenshots.mjs SITE OUT_DIR
import { launch } from '../tests/browser/chromium.mjs';
import { serve } from '../tests/browser/serve.mjs';

const [site = 'out/site', out = 'docs'] = process.argv.slice(2);
const server = await serve(site);
const browser = await launch();
const shots = [
  { name: 'desktop-index', path: 'index.html', viewport: { width: 1440, height: 900 } },
  { name: 'desktop-about', path: 'about.html', viewport: { width: 1440, height: 900 } },
  { name: 'phone-index', path: 'index.html', viewport: { width: 390, height: 844 }, scale: 2 },
  { name: 'desktop-album', path: 'nature/index.html', viewport: { width: 1440, height: 900 } },
  { name: 'desktop-photo', path: 'streets/nikon-d90.html', viewport: { width: 1440, height: 900 } },
  { name: 'desktop-raw-album', path: 'camera-raw/index.html', viewport: { width: 1440, height: 900 } },
  { name: 'phone-lightbox', path: 'streets/index.html#nikon-d90', viewport: { width: 390, height: 844 }, scale: 2, lightbox: true },
];
for (const shot of shots) {
  const context = await browser.newContext({ viewport: shot.viewport, deviceScaleFactor: shot.scale || 1 });
  const page = await context.newPage();
  await page.goto(server.url + shot.path, { waitUntil: 'load' });
  if (shot.lightbox) await page.waitForSelector('html[data-lightbox="open"]');
  await page.evaluate(async () => {
    await Promise.all([...document.images].filter((i) => i.loading !== 'lazy')
      .map((i) => (i.complete ? null : new Promise((r) => { i.onload = i.onerror = r; }))));
  });
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${out}/screenshot-${shot.name}.png` });
  await context.close();
  console.log(`${out}/screenshot-${shot.name}.png`);
}
await browser.close();
server.close();
