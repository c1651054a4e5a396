// The generated demo site in a real browser: navigation, the lightbox, responsive image choice,
// the no-JavaScript pages and accessibility. Run by ctest after the demo site is built
// (VERN_DEMO_SITE names it), or by hand: VERN_DEMO_SITE=out/site node --test tests/browser/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';
import { serve } from './serve.mjs';

const require = createRequire(import.meta.url);
const axeSource = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const siteRoot = process.env.VERN_DEMO_SITE || 'out/site';

let browser;
let server;
before(async () => {
  server = await serve(siteRoot);
  browser = await launch();
});
after(async () => {
  await browser?.close();
  server?.close();
});

// A page that records console errors and failed requests.
async function open(path, options = {}) {
  const context = await browser.newContext(options);
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  page.on('response', (r) => { if (r.status() >= 400) problems.push(`HTTP ${r.status()}: ${r.url()}`); });
  await page.goto(server.url + path, { waitUntil: 'load' });
  return { page, context, problems };
}

async function seriousViolations(page) {
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(() => window.axe.run(document));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('index lists the albums with their covers, without errors', async () => {
  const { page, context, problems } = await open('index.html');
  const albums = await page.locator('.album-card').count();
  assert.equal(albums, 3);
  await page.waitForFunction(() => [...document.querySelectorAll('.album-card img')]
    .every((img) => img.complete && img.naturalWidth > 0));
  assert.deepEqual(problems, []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('the home page introduces the photographer, cover large, and the cards fill a wide screen', async () => {
  const { page, context, problems } = await open('index.html', { viewport: { width: 1440, height: 900 } });
  assert.equal(await page.locator('h1.intro-name').textContent(), 'Twenty-three cameras');
  assert.match(await page.locator('.intro-statement').textContent(), /each from a different camera/);
  await page.waitForFunction(() => [...document.querySelectorAll('.intro-cover img, .album-card img')]
    .every((img) => img.complete && img.naturalWidth > 0));
  const cover = await page.locator('.intro-cover img').boundingBox();
  assert.ok(cover.height >= 0.6 * 900, `the cover is ${cover.height} px high in a 900 px window`);
  // Fetched sharp, and not twice too wide (the portrait was fetched at 1200 px for 540 once).
  const fetched = await page.locator('.intro-cover img').evaluate((i) => i.naturalWidth / i.clientWidth);
  assert.ok(fetched >= 1 && fetched < 2, `cover pixels per shown pixel: ${fetched}`);
  // Three series, one row, from margin to margin (today's 1440 px screen, not three small cards).
  const cards = await page.locator('.album-card').evaluateAll((all) => all.map((c) => {
    const r = c.getBoundingClientRect();
    return { left: r.left, right: r.right, top: r.top, width: r.width };
  }));
  assert.equal(cards.length, 3);
  assert.ok(cards.every((c) => c.top === cards[0].top), 'one row');
  const main = await page.locator('main').evaluate((m) => {
    const r = m.getBoundingClientRect();
    const style = getComputedStyle(m);
    return { left: r.left + parseFloat(style.paddingLeft), right: r.right - parseFloat(style.paddingRight) };
  });
  assert.equal(Math.round(cards[0].left), Math.round(main.left));
  assert.equal(Math.round(cards[2].right), Math.round(main.right));
  // Each cover was fetched at least as wide as its card shows it.
  const widths = await page.locator('.album-card img').evaluateAll((imgs) => imgs.map((i) => i.naturalWidth / i.clientWidth));
  assert.ok(widths.every((w) => w >= 1), `cover pixels per shown pixel: ${widths}`);
  assert.deepEqual(problems, []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('on a phone the home page is one column: words, cover, then each series', async () => {
  const { page, context, problems } = await open('index.html', { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2 });
  const boxes = await page.locator('.intro-name, .intro-cover img, .album-card').evaluateAll((all) => all.map((e) => {
    const r = e.getBoundingClientRect();
    return { top: r.top, left: r.left, width: r.width };
  }));
  for (let i = 1; i < boxes.length; ++i) assert.ok(boxes[i].top > boxes[i - 1].top, `box ${i} is below the one before`);
  for (const card of boxes.slice(2)) assert.equal(Math.round(card.width), 390 - 32);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(overflow, 0, 'nothing wider than the phone');
  assert.deepEqual(problems, []);
  await context.close();
});

test('the About page has the text, the contact line and the links, linked from every page', async () => {
  const { page, context, problems } = await open('streets/index.html');
  await page.locator('.site-nav a', { hasText: 'About' }).click();
  await page.waitForURL(/about\.html$/);
  assert.equal(await page.locator('h1').textContent(), 'About this gallery');
  assert.match(await page.locator('.about-text').textContent(), /metadata-extractor image collection/);
  assert.equal(await page.locator('.about-email a').getAttribute('href'), 'mailto:studio@example.org');
  assert.equal(await page.locator('.about-links a').count(), 2);
  assert.deepEqual(problems, []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
  // On a phone, its code line scrolls by itself: the page is no wider than the phone.
  const phone = await open('about.html', { viewport: { width: 390, height: 844 } });
  const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.equal(overflow, 0, 'nothing wider than the phone');
  await phone.context.close();
});

test('the lightbox opens, follows the keyboard, names each photo in the address, and closes', async () => {
  const { page, context, problems } = await open('streets/index.html');
  const slugs = await page.locator('a.tile').evaluateAll((tiles) => tiles.map((t) => t.dataset.slug));
  assert.ok(slugs.length >= 3);
  await page.locator('a.tile').first().click();
  // Keys are taken once the opening transition has finished.
  await page.waitForSelector('html[data-lightbox="open"]');
  assert.equal(new URL(page.url()).hash, `#${slugs[0]}`);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((s) => location.hash === `#${s}`, slugs[1]);
  await page.keyboard.press('ArrowRight');
  await page.waitForFunction((s) => location.hash === `#${s}`, slugs[2]);
  await page.keyboard.press('ArrowLeft');
  await page.waitForFunction((s) => location.hash === `#${s}`, slugs[1]);
  const caption = await page.locator('.pswp__caption').textContent();
  assert.ok(caption.length > 0);
  await page.keyboard.press('Escape');
  await page.waitForSelector('html[data-lightbox="closed"]');
  assert.equal(new URL(page.url()).hash, '');
  assert.deepEqual(problems, []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('a deep link opens the lightbox on its photo', async () => {
  const { page, context, problems } = await open('streets/index.html#nikon-d90');
  await page.waitForSelector('html[data-lightbox="open"]');
  const slugs = await page.locator('a.tile').evaluateAll((tiles) => tiles.map((t) => t.dataset.slug));
  const counter = await page.locator('.pswp__counter').textContent();
  assert.equal(counter.replace(/\s/g, ''), `${slugs.indexOf('nikon-d90') + 1}/${slugs.length}`);
  assert.equal(new URL(page.url()).hash, '#nikon-d90');
  assert.deepEqual(problems, []);
  await context.close();
});

async function chosenWidth(page) {
  const img = page.locator('.photo-figure img');
  await page.waitForFunction(() => {
    const i = document.querySelector('.photo-figure img');
    return i.complete && i.naturalWidth > 0;
  });
  return img.evaluate((i) => ({ src: i.currentSrc, width: i.naturalWidth }));
}

test('a phone picks a candidate of at most 960 px', async () => {
  const { page, context, problems } = await open('streets/nikon-d90.html', {
    viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true,
  });
  const { src, width } = await chosenWidth(page);
  assert.ok(width <= 960, `${src} is ${width} px wide`);
  assert.deepEqual(problems, []);
  assert.deepEqual(await seriousViolations(page), []);
  await context.close();
});

test('a desktop picks a candidate of at least 1600 px', async () => {
  const { page, context, problems } = await open('streets/nikon-d90.html', {
    viewport: { width: 1920, height: 1080 },
  });
  const { src, width } = await chosenWidth(page);
  assert.ok(width >= 1600, `${src} is ${width} px wide`);
  assert.deepEqual(problems, []);
  await context.close();
});

test('photo pages work with JavaScript disabled', async () => {
  const { page, context, problems } = await open('streets/index.html', { javaScriptEnabled: false });
  await page.locator('a.tile').first().click();
  await page.waitForURL(/\.html$/);
  await chosenWidth(page);
  const title = await page.locator('h1.photo-title').textContent();
  assert.ok(title.length > 0);
  await page.locator('a.next').click();
  await page.waitForURL(/\.html$/);
  assert.ok((await chosenWidth(page)).width > 0);
  assert.deepEqual(problems, []);
  await context.close();
});
