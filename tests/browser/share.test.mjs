// A share link in a real browser, served by `vernissage serve`: the password page, a wrong and
// a right password, the gallery and its lightbox under the server's Content-Security-Policy, and
// accessibility. Run by ctest (VERN_BINARY and VERN_EXAMPLES name the program and the photos), or
// by hand: VERN_BINARY=build/vernissage VERN_EXAMPLES=build/test-photos/demo node --test
// tests/browser/share.test.mjs. With VERN_SCREENSHOTS=DIR it saves the README's screenshots.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { launch } from './chromium.mjs';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const binary = process.env.VERN_BINARY || 'build/vernissage';
const photos = process.env.VERN_EXAMPLES || 'build/test-photos/demo';
const screenshots = process.env.VERN_SCREENSHOTS;
const password = 'contact sheet 1987';

let browser;
let server;
let base;
let link;
let proofLink;
let untouchedLink;
const scratch = mkdtempSync(join(tmpdir(), 'vernissage-share-'));
const catalogue = join(scratch, 'catalogue.db');

function vernissage(args, input = '') {
  const run = spawnSync(binary, [...args, '--catalogue', catalogue], { input, encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim();
}

before(async () => {
  vernissage(['index', photos]);
  link = vernissage(['share', 'create', '--album', join(photos, 'streets'), '--to', 'Le Monde',
    '--password-stdin'], `${password}\n`);
  proofLink = vernissage(['share', 'create', '--album', join(photos, 'streets'), '--to', 'Magnum',
    '--downloads', 'original']);
  untouchedLink = vernissage(['share', 'create', '--album', join(photos, 'streets'), '--to', 'Other']);
  server = spawn(binary, ['serve', '--listen', '127.0.0.1:0', '--catalogue', catalogue]);
  base = await new Promise((resolve, reject) => {
    let out = '';
    server.stdout.on('data', (chunk) => {
      out += chunk;
      const m = out.match(/listening on (127\.0\.0\.1:\d+)/);
      if (m) resolve(`http://${m[1]}`);
    });
    server.on('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill('SIGTERM');
  rmSync(scratch, { recursive: true, force: true });
});

// A page that records console errors (CSP violations among them) and failed requests.
async function open(context, path) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(`console: ${m.text()}`); });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('requestfailed', (r) => problems.push(`failed: ${r.url()} ${r.failure()?.errorText}`));
  await page.goto(base + path, { waitUntil: 'load' });
  return { page, problems };
}

// axe is evaluated through the debugging protocol: the page's CSP rightly refuses inline scripts.
async function seriousViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document));
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
}

test('the link asks for its password, refuses a wrong one and opens the gallery with the right one', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const { page, problems } = await open(context, link);
  assert.equal(await page.locator('input[type=password]').count(), 1);
  assert.equal(await page.locator('.tile').count(), 0);
  assert.deepEqual(await seriousViolations(page), []);
  if (screenshots) await page.screenshot({ path: join(screenshots, 'share-password.png') });

  await page.fill('input[type=password]', 'wrong guess');
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.match(await page.locator('[role=alert]').textContent(), /not the right one/);
  assert.equal(await page.locator('.tile').count(), 0);

  await page.fill('input[type=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('button[type=submit]')]);
  assert.equal(new URL(page.url()).pathname, link);
  assert.match(await page.locator('h1').textContent(), /For Le Monde/);
  const tiles = await page.locator('a.tile').count();
  assert.ok(tiles >= 3, `${tiles} tiles`);
  // Every image arrives, rendered by the server on demand if the background had not yet.
  await page.waitForFunction(() => [...document.querySelectorAll('.tile img')]
    .every((img) => img.complete && img.naturalWidth > 0), null, { timeout: 120000 });
  assert.deepEqual(await seriousViolations(page), []);
  if (screenshots) await page.screenshot({ path: join(screenshots, 'share-gallery.png') });

  // The lightbox opens on the first photo and names it in the address.
  const slug = await page.locator('a.tile').first().getAttribute('data-slug');
  await page.locator('a.tile').first().click();
  await page.waitForSelector('html[data-lightbox="open"]');
  assert.equal(new URL(page.url()).hash, `#${slug}`);
  await page.waitForFunction(() => {
    const img = document.querySelector('.pswp__img');
    return img && img.complete && img.naturalWidth > 0;
  });
  await page.keyboard.press('Escape');
  await page.waitForSelector('html[data-lightbox="closed"]');
  // A wrong password answers 403, which Chromium reports as a console error: that one only.
  const unexpected = problems.filter((p) => !/status of 403/.test(p));
  assert.deepEqual(unexpected, []);
  await context.close();
});

test('the pass is this browser\'s alone: a fresh browser sees the password page again', async () => {
  const context = await browser.newContext();
  const { page } = await open(context, link);
  assert.equal(await page.locator('input[type=password]').count(), 1);
  assert.equal(await page.locator('.tile').count(), 0);
  await context.close();
});

test('the recipient picks, rejects, rates and comments; the marks survive a reload and reach picks --csv', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const { page, problems } = await open(context, proofLink);
  page.on('dialog', (dialog) => dialog.accept('Cover, please'));
  await page.waitForFunction(() => !document.querySelector('[data-action=send]').disabled);
  const tiles = page.locator('.proof-tile');
  const count = () => page.locator('.proof-count').textContent();
  await tiles.nth(0).locator('[data-action=pick]').click();
  await tiles.nth(1).locator('[data-action=pick]').click();
  await page.locator('a.tile').nth(2).focus();
  await page.keyboard.press('p');  // the third pick, by keyboard
  await page.waitForFunction(() => document.querySelector('.proof-count').textContent === '3 picked');
  await tiles.nth(3).locator('[data-action=reject]').click();
  await tiles.nth(0).locator('select').selectOption('5');
  await tiles.nth(1).locator('[data-action=comment]').click();
  await page.waitForFunction(() => document.querySelectorAll('.proof-tile [data-action=comment][aria-pressed=true]').length === 1);
  await page.locator('[data-action=send]').click();
  await page.waitForFunction(() => document.querySelector('.proof-sent').textContent.startsWith('Sent'));
  assert.deepEqual(await seriousViolations(page), []);
  if (screenshots) await page.screenshot({ path: join(screenshots, 'share-proofing.png') });

  await page.reload({ waitUntil: 'load' });
  await page.waitForFunction(() => document.querySelector('.proof-count').textContent === '3 picked');
  assert.equal(await count(), '3 picked');
  assert.equal(await page.locator('.proof-tile[data-state=reject]').count(), 1);
  assert.equal(await tiles.nth(0).locator('select').inputValue(), '5');
  assert.match(await page.locator('.proof-sent').textContent(), /^Sent/);
  // Show picks only.
  await page.locator('.proof-bar input[type=checkbox]').check();
  assert.equal(await page.locator('.proof-tile:visible').count(), 3);
  // In the lightbox: X rejects the photo shown, and the count follows.
  await page.locator('.proof-bar input[type=checkbox]').uncheck();
  await page.locator('a.tile').nth(2).click();
  await page.waitForSelector('html[data-lightbox="open"]');
  await page.keyboard.press('x');
  await page.waitForFunction(() => document.querySelector('.proof-count').textContent === '2 picked');
  await page.keyboard.press('p');
  await page.waitForFunction(() => document.querySelector('.proof-count').textContent === '3 picked');
  await page.keyboard.press('Escape');
  assert.deepEqual(problems, []);

  // The picks as a ZIP, with the browser's own cookie: three originals under their own names,
  // none with a location.
  assert.equal(await page.locator('.proof-downloads a[href="download/picks.zip"]').isVisible(), true);
  const zip = await context.request.get(base + proofLink + 'download/picks.zip');
  assert.equal(zip.status(), 200);
  const zipFile = join(scratch, 'picks.zip');
  writeFileSync(zipFile, await zip.body());
  const names = spawnSync('unzip', ['-Z1', zipFile], { encoding: 'utf8' }).stdout.trim().split('\n');
  assert.equal(names.length, 3);
  assert.ok(names.every((n) => n.endsWith('.jpg') && !n.includes('/')), names.join(', '));
  const unzipped = join(scratch, 'picks');
  assert.equal(spawnSync('unzip', ['-q', zipFile, '-d', unzipped]).status, 0);
  const gps = spawnSync('exiftool', ['-q', '-q', '-if', '$GPSLatitude', '-p', '$FileName', '-r', unzipped], { encoding: 'utf8' });
  assert.equal(gps.stdout.trim(), '', `GPS left in ${gps.stdout}`);
  await context.close();

  // A second link to the same photos is untouched.
  const other = await browser.newContext();
  const second = await open(other, untouchedLink);
  await second.page.waitForFunction(() => !document.querySelector('[data-action=send]').disabled);
  assert.equal(await second.page.locator('.proof-count').textContent(), '0 picked');
  await other.close();

  // The photographer sees exactly these marks.
  const rows = vernissage(['picks', '2', '--csv']).replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.equal(rows.length, 1 + 4);
  assert.equal(rows.filter((r) => r.split(',')[2] === 'pick').length, 3);
  assert.equal(rows.filter((r) => r.split(',')[2] === 'reject').length, 1);
  assert.ok(rows.some((r) => r.includes(',pick,5,')));
  assert.ok(rows.some((r) => r.includes('"Cover, please"')));
  assert.equal(vernissage(['picks', '3', '--csv']).replace(/^\uFEFF/, '').trim().split('\r\n').length, 1);
});
