// `node scripts/measure-pdf.ts [file.pdf…]`: the typographer's figures of built PDFs (by default
// the book's PDFs in dist/): word spacing of justified lines, widows and orphans, holes (mid-part
// blank share), running heads on openers, short last pages, page count. Any PDF of the same page
// geometry can be measured (the XeLaTeX and WeasyPrint yardsticks of scripts/yardsticks.ts too).
//   --book DIR      the book whose margins define the text block (default: this one)
//   --dist DIR      where the built PDFs are (default: dist)
//   --json          print the figures as JSON
//   --margins T,B,I,O   margins in mm, instead of the book's
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { loadSettings, languageCodes } from '../src/model/settings.ts';
import { pageGeometry } from '../src/model/print/geometry.ts';
import { pdfFile, printInteriorFile } from '../src/outputs/pdf/downloads.ts';
import { marginsPt, measurePdf, type PdfFigures } from '../src/outputs/pdf/measure/report.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    book: { type: 'string', default: '.' },
    dist: { type: 'string', default: 'dist' },
    json: { type: 'boolean', default: false },
    margins: { type: 'string' },
  },
});
const settings = loadSettings(resolve(values.book));
const g = pageGeometry(settings.print);
const [top, bottom, inner, outer] = values.margins ? values.margins.split(',').map(Number) : [];
const margins = marginsPt(values.margins ? { top: top!, bottom: bottom!, inner: inner!, outer: outer! } : g.margins);
const files = positionals.length
  ? positionals
  : languageCodes(settings).flatMap((l) =>
      [pdfFile(settings, l), printInteriorFile(settings, l)]
        .map((f) => join(values.dist, f))
        .filter((f) => existsSync(f)),
    );

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const results: PdfFigures[] = [];
for (const file of files) {
  const f = measurePdf(file, margins);
  results.push(f);
  if (values.json) continue;
  const folio = (page: number) => (f.firstBodyPage ? `folio ${page - f.firstBodyPage}` : `page ${page}`);
  const s = f.spacing;
  console.log(`\n${file}`);
  console.log(
    `  pages                 ${f.pages} (${f.pages % 4 === 0 ? 'a multiple of 4' : `${f.pages % 4} over a multiple of 4`})`,
  );
  console.log(
    `  loose lines           ${pct(s.share)} of ${s.fullLines} full justified lines have a space > 1.5× the page median; ${s.veryLoose} > 2×; worst ${s.worst ? `${s.worst.ratio.toFixed(2)}× (${folio(s.worst.page)}: "${s.worst.text}")` : '–'}`,
  );
  console.log(
    `  ragged, overfull      ${s.ragged} lines set ragged inside paragraphs; ${s.overfull} lines stick out of the text block`,
  );
  for (const l of s.loosest.slice(1, 5))
    console.log(`                        ${l.ratio.toFixed(2)}× ${folio(l.page)}: "${l.text}"`);
  console.log(
    `  widows                ${f.widows.length}${f.widows.map((w) => `\n                        ${folio(w.page)} opens with "${w.text}"`).join('')}`,
  );
  console.log(
    `  orphans               ${f.orphans.length}${f.orphans.map((w) => `\n                        ${folio(w.page)} ends with "${w.text}"`).join('')}`,
  );
  console.log(
    `  worst mid-part blank  ${f.worstBlank ? `${pct(f.worstBlank.share)} (${folio(f.worstBlank.page)})` : '–'}; pages over 15 %: ${f.holes.map((h) => `${folio(h.page)} ${pct(h.share)}`).join(', ') || 'none'}`,
  );
  console.log(`  running heads on openers  ${f.headsOnOpeners}`);
  console.log(
    `  last pages < 5 lines  ${f.shortEnds.map((e) => `${e.label} (${folio(e.page)}: ${e.lines} lines)`).join('; ') || 'none'}`,
  );
}
if (values.json) console.log(JSON.stringify(results, null, 2));
