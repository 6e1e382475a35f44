// Screenshots of the stage screens in every language, to look at what performers and the
// audience see: the presenter screen (audience connected, timer running, surtitles on), the
// audience screen (a panel with a surtitle card, a title card), the help overlay, the printed
// script (on screen, in print media, and as a PDF).
// Usage: npx node scripts/screenshot-stage.ts [--dist dist] [--out .build/shots] [--beat 2]
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { serveStatic } from '../src/server/static.ts';
import { launchBrowser } from '../src/server/browser.ts';
import { loadSettings, languageCodes } from '../src/model/settings.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    out: { type: 'string', default: '.build/shots' },
    beat: { type: 'string', default: '2' },
  },
});
mkdirSync(values.out, { recursive: true });
const settings = loadSettings(process.cwd());
const server = await serveStatic(values.dist, { base: settings.site.base });
const browser = await launchBrowser();
const shot = (name: string) => join(values.out, `stage-${name}.png`);

for (const lang of languageCodes(settings)) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const presenter = await context.newPage();
  await presenter.goto(new URL(`${lang}/stage/`, server.url).href);
  await presenter.waitForSelector('html[data-ready="true"]');
  const [audience] = await Promise.all([presenter.waitForEvent('popup'), presenter.click('[data-open-audience]')]);
  await audience.setViewportSize({ width: 1280, height: 720 });
  await audience.waitForSelector('html[data-painted-beat="0"]');
  await audience.screenshot({ path: shot(`audience-titlecard-${lang}`) });
  await presenter.bringToFront();
  for (let i = 0; i < Number(values.beat); i++) await presenter.keyboard.press('ArrowRight');
  await presenter.keyboard.press('s');
  await presenter.keyboard.press('n');
  await presenter.keyboard.press('t');
  await audience.waitForSelector(`html[data-painted-beat="${values.beat}"]`);
  await presenter.waitForTimeout(1600);
  await presenter.screenshot({ path: shot(`presenter-${lang}`) });
  // Hide the "full screen" hint as it fades on its own after a few seconds.
  await audience.evaluate(() => document.querySelector('[data-hint]')?.classList.add('is-faded'));
  await audience.waitForTimeout(700);
  await audience.screenshot({ path: shot(`audience-${lang}`) });
  await presenter.keyboard.press('b');
  await presenter.waitForTimeout(300);
  await presenter.screenshot({ path: shot(`presenter-blackout-${lang}`) });
  await presenter.keyboard.press('b');
  await presenter.keyboard.press('?');
  await presenter.waitForTimeout(300);
  await presenter.screenshot({ path: shot(`presenter-help-${lang}`) });
  await presenter.keyboard.press('Escape');
  const narrow = await context.newPage();
  await narrow.setViewportSize({ width: 900, height: 700 });
  await narrow.goto(new URL(`${lang}/stage/`, server.url).href);
  await narrow.waitForSelector('html[data-ready="true"]');
  await narrow.screenshot({ path: shot(`presenter-narrow-${lang}`) });
  const script = await context.newPage();
  await script.goto(new URL(`${lang}/stage/script/`, server.url).href, { waitUntil: 'networkidle' });
  await script.screenshot({ path: shot(`script-${lang}`) });
  await script.emulateMedia({ media: 'print' });
  await script.setViewportSize({ width: 794, height: 1123 });
  await script.screenshot({ path: shot(`script-print-${lang}`) });
  await script.pdf({ path: join(values.out, `stage-script-${lang}.pdf`), format: 'A4', printBackground: true });
  await context.close();
  console.log(`${lang}: ${values.out}/stage-*-${lang}.png`);
}
await browser.close();
await server.close();
