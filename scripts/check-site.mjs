// `make check-site`: Lighthouse (mobile, its default) against pages of a built site, served on
// 127.0.0.1, in Debian's Chromium. Prints the four category scores per page and exits 1 when a
// score is under its target (performance 95, accessibility 95, best practices 95, SEO 90).
// Usage: node scripts/check-site.mjs SITE
import lighthouse from 'lighthouse';
import * as chromeLauncher from 'chrome-launcher';
import { serve } from '../tests/browser/serve.mjs';
import { chromiumFlags } from '../tests/browser/chromium.mjs';

const site = process.argv[2] || 'out/site';
// Every kind of page the site has: home, About, album, photo (landscape and portrait), 404.
const pages = ['index.html', 'about.html', 'streets/index.html', 'streets/nikon-d90.html',
  'streets/panasonic-fx7.html', 'camera-raw/index.html', '404.html'];
const targets = { performance: 95, accessibility: 95, 'best-practices': 95, seo: 90 };

const server = await serve(site);
const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM || '/usr/bin/chromium',
  chromeFlags: ['--headless=new', ...chromiumFlags],
});
let failed = false;
try {
  for (const page of pages) {
    const result = await lighthouse(server.url + page, {
      port: chrome.port, output: 'json', logLevel: 'error',
      onlyCategories: Object.keys(targets),
    });
    const scores = Object.fromEntries(Object.keys(targets).map((id) =>
      [id, Math.round(result.lhr.categories[id].score * 100)]));
    const line = Object.entries(scores).map(([id, s]) => `${id} ${s}`).join('  ');
    // The metrics behind the performance score, for reports and for finding what moved it.
    const metrics = ['first-contentful-paint', 'largest-contentful-paint', 'total-blocking-time',
      'cumulative-layout-shift'].map((id) => result.lhr.audits[id].displayValue).join(', ');
    console.log(`${page.padEnd(28)} ${line}  (FCP, LCP, TBT, CLS: ${metrics})`);
    for (const [id, score] of Object.entries(scores)) {
      if (score < targets[id]) {
        failed = true;
        const audits = Object.values(result.lhr.audits)
          .filter((a) => a.score !== null && a.score < 0.9 &&
            result.lhr.categories[id].auditRefs.some((r) => r.id === a.id && r.weight > 0))
          .map((a) => `    - ${a.title}${a.displayValue ? ` (${a.displayValue})` : ''}`);
        console.log(`  ${id} under ${targets[id]}:\n${audits.join('\n')}`);
      }
    }
  }
} finally {
  await chrome.kill();
  server.close();
}
process.exit(failed ? 1 : 0);
