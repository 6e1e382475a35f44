// Screenshots of built pages, to look at what readers see.
// Usage: node scripts/screenshot.ts [--dist dist] [--out .build/shots] [--width 390] [--dark] path...
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: '.build/shots' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '900' },
    dark: { type: 'boolean', default: false },
    full: { type: 'boolean', default: false },
    base: { type: 'string', default: '/' },
  },
});
mkdirSync(values.out, { recursive: true });
const server = await serveStatic(values.dist, { base: values.base });
const browser = await launchBrowser();
const context = await browser.newContext({
  viewport: { width: Number(values.width), height: Number(values.height) },
  colorScheme: values.dark ? 'dark' : 'light',
});
const page = await context.newPage();
for (const p of positionals.length ? positionals : ['']) {
  await page.goto(new URL(p.replace(/^\//, ''), server.url).href, { waitUntil: 'networkidle' });
  const [path, hash] = p.split('#');
  const file = join(
    values.out,
    `${(path || 'index').replace(/[^a-z0-9]+/gi, '_')}${hash ? `_${hash}` : ''}-${values.width}${values.dark ? '-dark' : ''}.png`,
  );
  await page.screenshot({ path: file, fullPage: values.full });
  console.log(file);
}
await browser.close();
await server.close();
