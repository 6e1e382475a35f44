// `node scripts/yardsticks.ts [--dist DIR] [--lang fr] [--out .build/yardsticks]`: the same text
// and panels typeset by XeLaTeX and by WeasyPrint, to measure our PDF against (run by hand, not by
// the tests: they need the Debian packages texlive-xetex, texlive-lang-french,
// texlive-fonts-recommended (hyperref loads its pzdr font), weasyprint and
// python3-fonttools). Then `node scripts/measure-pdf.ts .build/yardsticks/*.pdf`.
//
// - WeasyPrint prints the built print edition itself (its HTML and CSS, hyphens: auto done by
//   its own pyphen): give it a build from before this kit hyphenated and set lines itself (the
//   f516ba9 checkout), so that it is WeasyPrint's typesetting that is measured, not ours.
// - XeLaTeX gets the print edition's text as LaTeX (episodes, paragraphs with emphasis, panels as
//   floating figures at the text's width, the about page), in Literata (the same files, unpacked
//   from WOFF2 to TrueType), 10 pt on 14.5 pt, on the same page and margins, with TeX's own French
//   or English hyphenation (polyglossia) and no widows or orphans (\widowpenalty=10000). Emoji are
//   left out (XeLaTeX draws no colour emoji without more packages).
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parse, type DefaultTreeAdapterTypes as T } from 'parse5';
import sharp from 'sharp';
import { loadSettings, languageCodes, pick } from '../src/model/settings.ts';
import { pageGeometry } from '../src/model/print/geometry.ts';
import { serveStatic } from '../src/server/static.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string', default: 'dist' },
    lang: { type: 'string' },
    out: { type: 'string', default: '.build/yardsticks' },
    book: { type: 'string', default: '.' },
    only: { type: 'string' },
  },
});
const settings = loadSettings(resolve(values.book));
const g = pageGeometry(settings.print);
const dist = resolve(values.dist);
const out = resolve(values.out);
mkdirSync(join(out, 'fonts'), { recursive: true });
mkdirSync(join(out, 'panels'), { recursive: true });
const langs = values.lang ? [values.lang] : languageCodes(settings);
const want = (tool: string) => !values.only || values.only === tool;

// Literata for XeLaTeX: the fontsource WOFF2 files, unpacked (Debian's fontTools).
const require = createRequire(import.meta.url);
const FONTS = { Regular: '400-normal', Bold: '700-normal', Italic: '400-italic' } as const;
for (const [name, file] of Object.entries(FONTS)) {
  const ttf = join(out, 'fonts', `Literata-${name}.ttf`);
  if (existsSync(ttf)) continue;
  const woff2 = require.resolve(`@fontsource/literata/files/literata-latin-${file}.woff2`);
  execFileSync('/usr/bin/python3', [
    '-c',
    'import sys\nfrom fontTools.ttLib import TTFont\nf = TTFont(sys.argv[1])\nf.flavor = None\nf.save(sys.argv[2])',
    woff2,
    ttf,
  ]);
}

const attr = (el: T.Element, name: string) => el.attrs.find((a) => a.name === name)?.value;
const isEl = (n: T.Node): n is T.Element => 'tagName' in n;
const kids = (n: T.ParentNode) => n.childNodes.filter(isEl);
const cls = (el: T.Element, c: string) => (attr(el, 'class') ?? '').split(/\s+/).includes(c);
function find(n: T.ParentNode, match: (el: T.Element) => boolean, all: T.Element[] = []): T.Element[] {
  for (const c of kids(n)) {
    if (match(c)) all.push(c);
    find(c, match, all);
  }
  return all;
}

const tex = (s: string) =>
  s
    .replace(/\u00AD/g, '')
    .replace(/[\\{}$&#^_%~]/g, (c) =>
      c === '\\'
        ? '\\textbackslash{}'
        : c === '~'
          ? '\\textasciitilde{}'
          : c === '^'
            ? '\\textasciicircum{}'
            : `\\${c}`,
    )
    .replace(/\u202F/g, '\\,')
    .replace(/\u00A0/g, '~')
    // Emoji and pictographs: left out.
    .replace(/\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu, '');

function inline(n: T.Node): string {
  if (n.nodeName === '#text') return tex((n as T.TextNode).value);
  if (!isEl(n)) return '';
  if (cls(n, 'pl-end') || n.tagName === 'br') return n.tagName === 'br' ? '\\\\' : '';
  const inner = n.childNodes.map(inline).join('');
  if (n.tagName === 'em' || n.tagName === 'i') return `\\emph{${inner}}`;
  if (n.tagName === 'strong' || n.tagName === 'b') return `\\textbf{${inner}}`;
  return inner;
}

async function panel(img: T.Element, lang: string, i: number): Promise<string> {
  const src = attr(img, 'src') ?? '';
  const file = join(dist, src.replace(/^\/+/, ''));
  const png = join(out, 'panels', `${lang}-${i}.png`);
  // At the text's width, 300 ppi.
  if (!existsSync(png))
    await sharp(file, { density: 300 })
      .resize({ width: Math.round(((g.width - g.margins.inner - g.margins.outer) / 25.4) * 300) })
      .flatten({ background: '#ffffff' })
      .png()
      .toFile(png);
  return `\\begin{figure}[tbp]\\centering\\includegraphics[width=\\linewidth,height=0.95\\textheight,keepaspectratio]{panels/${lang}-${i}.png}\\end{figure}`;
}

async function latex(lang: string, emergency: boolean): Promise<string> {
  const html = readFileSync(join(dist, lang, 'print', 'index.html'), 'utf8');
  const doc = parse(html);
  const title = pick(settings.title, lang, settings);
  const body: string[] = [];
  let n = 0;
  for (const ep of find(doc, (el) => el.tagName === 'article' && attr(el, 'data-part') === 'episode')) {
    const number = attr(ep, 'data-episode') ?? '';
    const epTitle = attr(ep, 'data-title') ?? '';
    const label = attr(ep, 'data-outline') ?? epTitle;
    const kicker = find(ep, (el) => cls(el, 'chapter__number'))[0];
    body.push(
      `\\episode{${number}}{${tex(epTitle)}}{${tex(label)}}{${kicker ? kicker.childNodes.map(inline).join('') : number}}`,
    );
    const text = find(ep, (el) => cls(el, 'episode-body'))[0]!;
    for (const b of kids(text)) {
      if (b.tagName === 'p') body.push(`${b.childNodes.map(inline).join('').trim()}\n`);
      else if (b.tagName === 'figure') {
        const img = find(b, (el) => el.tagName === 'img')[0];
        if (img) body.push(await panel(img, lang, n++));
      } else if (cls(b, 'part'))
        for (const p of find(b, (el) => el.tagName === 'p')) body.push(`${p.childNodes.map(inline).join('')}\n`);
    }
  }
  const about = find(doc, (el) => attr(el, 'data-part') === 'about')[0];
  if (about) {
    const h = find(about, (el) => el.tagName === 'h2')[0];
    const aboutTitle = h ? h.childNodes.map(inline).join('') : 'About';
    body.push(`\\backpart{${aboutTitle}}`);
    for (const b of kids(about)) {
      if (b === h) continue;
      if (/^h[2-4]$/.test(b.tagName)) body.push(`\\subsection*{${b.childNodes.map(inline).join('')}}`);
      else if (b.tagName === 'p') body.push(`${b.childNodes.map(inline).join('').trim()}\n`);
    }
  }
  const language = lang === 'fr' ? 'french' : 'english';
  const mm = (x: number) => `${x}mm`;
  return `\\documentclass[10pt,twoside,openright]{book}
\\usepackage[paperwidth=${mm(g.width)},paperheight=${mm(g.height)},top=${mm(g.margins.top)},bottom=${mm(g.margins.bottom)},inner=${mm(g.margins.inner)},outer=${mm(g.margins.outer)},headsep=5mm,headheight=12pt,footskip=10mm]{geometry}
\\usepackage{fontspec}
\\setmainfont{Literata}[Path=fonts/,Extension=.ttf,UprightFont=*-Regular,BoldFont=*-Bold,ItalicFont=*-Italic,Numbers={OldStyle,Proportional}]
\\usepackage{polyglossia}
\\setmainlanguage{${language}}
\\usepackage{graphicx}
\\usepackage{fancyhdr}
\\usepackage[hidelinks,bookmarks=true,pdfpagelabels=true]{hyperref}
\\usepackage{titlesec}
\\renewcommand\\normalsize{\\fontsize{10pt}{14.5pt}\\selectfont}
\\normalsize
\\setlength\\parindent{1.2em}
\\setlength\\parskip{0pt}
\\widowpenalty=10000 \\clubpenalty=10000
${
  emergency
    ? "% No line sticks out into the margin: TeX's defaults leave overfull lines where its tolerance\n% cannot be met; the usual remedy is emergency stretch.\n\\setlength\\emergencystretch{3em}"
    : "% TeX's defaults: where the tolerance cannot be met, lines stick out into the margin."
}
% One space after a sentence, as in our PDF (TeX's English default widens it).
\\frenchspacing
\\pagestyle{fancy}
\\fancyhf{}
\\renewcommand\\headrulewidth{0pt}
\\fancyhead[LE]{\\footnotesize\\itshape ${tex(title)}}
\\fancyhead[RO]{\\footnotesize\\itshape\\rightmark}
\\fancyfoot[LE,RO]{\\small\\thepage}
\\fancypagestyle{plain}{\\fancyhf{}\\fancyfoot[LE,RO]{\\small\\thepage}}
\\newcommand\\episode[4]{\\cleardoublepage\\thispagestyle{plain}\\phantomsection\\pdfbookmark[0]{#3}{ep#1}\\markboth{}{#2}%
  \\vspace*{14mm}{\\footnotesize\\MakeUppercase{#4}\\par}\\vspace{0.6em}{\\fontsize{17pt}{20pt}\\selectfont\\bfseries\\raggedright #2\\par}\\vspace{8mm}\\noindent\\ignorespaces}
\\newcommand\\backpart[1]{\\cleardoublepage\\thispagestyle{plain}\\phantomsection\\pdfbookmark[0]{#1}{about}\\markboth{}{#1}{\\fontsize{15pt}{18pt}\\selectfont\\bfseries #1\\par}\\vspace{1em}\\noindent\\ignorespaces}
\\begin{document}
% polyglossia's English sets \\nonfrenchspacing when the document begins: one space after a sentence, as in our PDF.
\\frenchspacing
\\frontmatter
\\thispagestyle{empty}
\\begin{center}\\vspace*{30mm}{\\fontsize{22pt}{26pt}\\selectfont\\bfseries ${tex(title)}\\par}\\end{center}
\\mainmatter
${body.join('\n\n')}
\\end{document}
`;
}

for (const lang of langs) {
  // Twice: with TeX's defaults (what the issue measured), and with emergency stretch.
  for (const emergency of want('xelatex') ? [false, true] : []) {
    const name = `xelatex-${lang}${emergency ? '-emergency' : ''}`;
    writeFileSync(join(out, `${name}.tex`), await latex(lang, emergency));
    for (let i = 0; i < 2; i++) {
      const r = spawnSync('xelatex', ['-interaction=nonstopmode', '-halt-on-error', `${name}.tex`], {
        cwd: out,
        encoding: 'utf8',
      });
      if (r.status !== 0) {
        console.error(r.stdout.slice(-3000));
        process.exit(1);
      }
    }
    const log = readFileSync(join(out, `${name}.log`), 'utf8');
    const overfull = [...log.matchAll(/Overfull \\hbox \(([\d.]+)pt too wide\) in paragraph/g)].map((m) =>
      Number(m[1]),
    );
    console.log(
      `${join(out, `${name}.pdf`)}: ${overfull.length} lines stick out into the margin${overfull.length ? ` (by up to ${Math.max(...overfull).toFixed(1)} pt)` : ''}`,
    );
  }
  if (want('weasyprint')) {
    const server = await serveStatic(dist, { base: settings.site.base });
    try {
      const pdf = join(out, `weasyprint-${lang}.pdf`);
      // Not spawnSync: the server answering WeasyPrint runs in this process.
      const code = await new Promise<number>((done) => {
        const child = spawn('weasyprint', [new URL(`${lang}/print/`, server.url).href, pdf], { stdio: 'inherit' });
        child.on('close', (c) => done(c ?? 1));
      });
      if (code !== 0) process.exit(1);
      console.log(pdf);
    } finally {
      await server.close();
    }
  }
}
