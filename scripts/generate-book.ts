// Generates a book of any size to measure the kit on (build time, PDF pages): N episodes in two
// languages (fr original, en translation), every paragraph a different text, panels with a
// caption bubble in each language. Deterministic: the same options give the same files.
//
//   npx node scripts/generate-book.ts --episodes 100 --out .build/books/generated-100
//   npx node scripts/build.ts --book .build/books/generated-100 --out .build/books/generated-100/dist
//
//   --episodes N      how many episodes (default 100)
//   --panels K        panels per episode (default 2)
//   --paragraphs P    paragraphs per episode, on average (default 12)
//   --art-from DIR    a book whose panel art (content/episodes/*/panels/*.svg), content/art/
//                     library.svg and cover.svg are reused (default: this kit's own book);
//                     without them, simple drawings are generated
//   --out DIR         where to write the book (its content/ folder); replaced if it exists
//
// The text is made of random words: it looks like prose to the layout, not to a reader.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    episodes: { type: 'string', default: '100' },
    panels: { type: 'string', default: '2' },
    paragraphs: { type: 'string', default: '12' },
    'art-from': { type: 'string', default: '.' },
    out: { type: 'string', default: '.build/books/generated' },
  },
});
const N = Number(values.episodes);
const PANELS = Number(values.panels);
const PARAGRAPHS = Number(values.paragraphs);
if (!(N >= 1 && PANELS >= 0 && PARAGRAPHS >= 2)) throw new Error('expected --episodes ≥ 1, --panels ≥ 0, --paragraphs ≥ 2');
const out = resolve(values.out);
const artFrom = resolve(values['art-from']);

// A small deterministic random generator (mulberry32).
let seed = 0x5eed;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const int = (a: number, b: number) => a + Math.floor(random() * (b - a + 1));
const choose = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;

const WORDS = {
  fr: `le la les un une des du de notre votre leur ce cette ces mon ton son attention donnée données cobaye cobayes
    connard réseau système algorithme écran clic publicité profit marché pouvoir travail patron start-up plateforme
    utilisateur conditions contrat labyrinthe roue cage spectacle culture civilisation expérience méthode leçon élève
    apprenti maître richesse pauvreté misère bonheur plaisir ennui peur colère désir habitude mesure chiffre statistique
    courbe graphique surveillance capitalisme consentement cookie bannière bouton fenêtre téléphone poche main regard
    temps journée nuit matin semaine année siècle histoire avenir passé présent monde pays ville rue maison bureau
    mange court tourne clique regarde accepte signe paie vend achète gagne perd oublie apprend enseigne manipule
    exploite observe compte mesure trie classe range cache montre promet ment sourit rit pleure attend espère
    toujours jamais souvent parfois déjà encore enfin bientôt vraiment simplement doucement gentiment cyniquement
    grand petit long court vieux jeune nouveau beau laid riche pauvre libre captif heureux triste gratuit cher
    et ou mais donc car puis ensuite alors pourtant ainsi même aussi très trop peu beaucoup plus moins`.split(/\s+/).filter(Boolean),
  en: `the a an our your their this that these my his her attention data subject subjects bastard network system
    algorithm screen click advert profit market power work boss start-up platform user terms contract maze wheel cage
    show culture civilisation experiment method lesson pupil apprentice master wealth poverty misery happiness pleasure
    boredom fear anger desire habit measure number statistic curve chart surveillance capitalism consent cookie banner
    button window phone pocket hand gaze time day night morning week year century history future past present world
    country city street house office eats runs turns clicks watches accepts signs pays sells buys wins loses forgets
    learns teaches manipulates exploits observes counts measures sorts ranks hides shows promises lies smiles laughs
    cries waits hopes always never often sometimes already still finally soon really simply gently kindly cynically
    big small long short old young new fine ugly rich poor free captive happy sad free dear and or but so for then
    next yet thus even also very too little much more less`.split(/\s+/).filter(Boolean),
} as const;
const EMOJI = ['✊', '🤌', '📱', '🍪', '💸', '🐹'];
type Lang = keyof typeof WORDS;

const cap = (s: string) => s.charAt(0).toLocaleUpperCase() + s.slice(1);
function sentence(lang: Lang, min = 8, max = 20): string {
  const words = Array.from({ length: int(min, max) }, () => choose(WORDS[lang]));
  if (random() < 0.25) words.splice(int(2, words.length - 1), 0, lang === 'fr' ? 'ma foi,' : 'mind you,');
  const end = random() < 0.15 ? (lang === 'fr' ? ' ?' : '?') : random() < 0.1 ? (lang === 'fr' ? ' !' : '!') : '.';
  return cap(words.join(' ')) + end;
}
const used = new Set<string>();
/** A paragraph no other paragraph of the book repeats. */
function paragraph(lang: Lang, emoji: boolean): string {
  for (;;) {
    const text = Array.from({ length: int(2, 7) }, () => sentence(lang)).join(' ') + (emoji ? ` ${choose(EMOJI)}${choose(EMOJI)}` : '');
    if (!used.has(text)) {
      used.add(text);
      return text;
    }
  }
}
const title = (lang: Lang) => cap(Array.from({ length: int(2, 9) }, () => choose(WORDS[lang])).join(' '));
const yamlString = (s: string) => JSON.stringify(s);

// Art: the sample book's drawings when there are some, simple generated drawings otherwise.
const sampleArt: string[] = [];
const episodesDir = join(artFrom, 'content/episodes');
if (existsSync(episodesDir)) {
  for (const ep of readdirSync(episodesDir).sort()) {
    const dir = join(episodesDir, ep, 'panels');
    if (existsSync(dir)) for (const f of readdirSync(dir).sort()) if (f.endsWith('.svg')) sampleArt.push(join(dir, f));
  }
}
const library = join(artFrom, 'content/art/library.svg');
const sampleCover = join(artFrom, 'content/art/cover.svg');
const PALETTE = ['#f2c14e', '#f78154', '#4d9078', '#5fad56', '#b4436c', '#6d8ea0', '#e3b5a4', '#90a9b7'];
function drawing(i: number): string {
  const shapes = Array.from({ length: 12 }, () => {
    const c = choose(PALETTE);
    return random() < 0.5
      ? `<circle cx="${int(60, 1140)}" cy="${int(160, 640)}" r="${int(20, 120)}" fill="${c}"/>`
      : `<rect x="${int(40, 1000)}" y="${int(180, 560)}" width="${int(40, 200)}" height="${int(40, 140)}" rx="12" fill="${c}"/>`;
  }).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 700" width="1200" height="700"><rect width="1200" height="700" fill="${PALETTE[i % PALETTE.length]}" opacity="0.35"/>${shapes}</svg>\n`;
}
const svgSize = (svg: string) => {
  const m = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)/.exec(svg);
  return m ? { w: Number(m[1]), h: Number(m[2]) } : { w: 1200, h: 700 };
};

rmSync(out, { recursive: true, force: true });
const content = join(out, 'content');
mkdirSync(join(content, 'art'), { recursive: true });
mkdirSync(join(content, 'pages'), { recursive: true });
if (existsSync(library)) cpSync(library, join(content, 'art/library.svg'));
writeFileSync(
  join(content, 'art/cover.svg'),
  existsSync(sampleCover) ? readFileSync(sampleCover) : `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1200 1700" width="1200" height="1700"><rect width="1200" height="1700" fill="#f5dfa6"/><rect y="620" width="1200" height="1080" fill="#d94f3d"/><circle cx="600" cy="1100" r="300" fill="#f2c14e"/></svg>\n`,
);

writeFileSync(
  join(content, 'book.yaml'),
  `# Generated by scripts/generate-book.ts (${N} episodes): a book to measure the kit on.
id: generated-${N}
original: fr
languages:
  - code: fr
    name: Français
  - code: en
    name: English
title:
  fr: Un livre de ${N} épisodes
  en: A Book of ${N} Episodes
subtitle:
  fr: Généré pour mesurer
  en: Generated to measure
description:
  fr: Un livre généré, au texte fait de mots au hasard, pour mesurer le temps de fabrication et le nombre de pages.
  en: A generated book, its text made of random words, to measure build times and page counts.
authors:
  - name: Planches
    role: author
  - name: Planches
    role: illustrator
  - name: Planches
    role: translator
    languages: [en]
licence:
  name:
    fr: Domaine public volontaire
    en: Voluntary public domain
  statement:
    fr: Ce texte généré est dans le domaine public (CC0).
    en: This generated text is in the public domain (CC0).
  url: https://creativecommons.org/publicdomain/zero/1.0/
site:
  url: https://planches.example
  base: /
cover: art/cover.svg
published: 2024-01-01
subjects:
  fr: [test, mesure]
  en: [test, measurement]
characters:
  narrator:
    fr: Le Narrateur
    en: The Narrator
`,
);
for (const lang of ['fr', 'en'] as const) {
  writeFileSync(join(content, `pages/about.${lang}.mdx`), `---\ntitle: "${lang === 'fr' ? 'À propos' : 'About'}"\n---\n\n## ${lang === 'fr' ? 'Ce livre' : 'This book'}\n\n${paragraph(lang, false)}\n\n${paragraph(lang, false)}\n`);
  writeFileSync(join(content, `pages/intro.${lang}.mdx`), `---\ntitle: "Introduction"\n---\n\n${paragraph(lang, false)}\n`);
}

let artIndex = 0;
for (let n = 1; n <= N; n++) {
  const slug = `${n}-episode-${n}`;
  const dir = join(content, 'episodes', slug);
  mkdirSync(join(dir, 'panels'), { recursive: true });
  const count = Math.max(PANELS + 1, int(PARAGRAPHS - 4, PARAGRAPHS + 4));
  // Panels after evenly spread paragraphs.
  const after = new Map(Array.from({ length: PANELS }, (_, k) => [Math.max(1, Math.round(((k + 1) * count) / (PANELS + 1))), `e${n}-p${k + 1}`]));
  const body = { fr: [] as string[], en: [] as string[] };
  for (let p = 1; p <= count; p++) {
    const emoji = n % 10 === 0 && p === 2;
    body.fr.push(paragraph('fr', emoji));
    body.en.push(paragraph('en', emoji));
    const id = after.get(p);
    if (id) {
      body.fr.push(`<Panel id="${id}" />`);
      body.en.push(`<Panel id="${id}" />`);
    }
  }
  const titles = { fr: title('fr'), en: title('en') };
  writeFileSync(join(dir, 'fr.mdx'), `---\nnumber: ${n}\ntitle: ${yamlString(titles.fr)}\nsummary: ${yamlString(sentence('fr'))}\n---\n\n${body.fr.join('\n\n')}\n`);
  writeFileSync(join(dir, 'en.mdx'), `---\ntitle: ${yamlString(titles.en)}\nsummary: ${yamlString(sentence('en'))}\n---\n\n${body.en.join('\n\n')}\n`);
  const panels: string[] = [];
  for (const id of after.values()) {
    const svg = sampleArt.length ? readFileSync(sampleArt[artIndex++ % sampleArt.length]!, 'utf8') : drawing(artIndex++);
    writeFileSync(join(dir, 'panels', `${id}.svg`), svg);
    const { w, h } = svgSize(svg);
    const box = { x: Math.round(w * 0.02), y: Math.round(h * 0.03), w: Math.round(w * 0.42), h: Math.round(h * 0.22) };
    panels.push(
      [
        `  - id: ${id}`,
        `    art: panels/${id}.svg`,
        `    alt:`,
        `      fr: ${yamlString(sentence('fr', 8, 14))}`,
        `      en: ${yamlString(sentence('en', 8, 14))}`,
        `    bubbles:`,
        `      - id: b1`,
        `        kind: caption`,
        `        box: { x: ${box.x}, y: ${box.y}, w: ${box.w}, h: ${box.h} }`,
        `        text:`,
        `          fr: ${yamlString(sentence('fr', 3, 6))}`,
        `          en: ${yamlString(sentence('en', 3, 6))}`,
      ].join('\n'),
    );
  }
  if (panels.length) writeFileSync(join(dir, 'panels.yaml'), `panels:\n${panels.join('\n')}\n`);
}
console.log(`Generated ${N} episodes (${used.size} paragraphs, ${artIndex} panels, ${sampleArt.length ? 'the sample book\'s art' : 'generated art'}) in ${out}`);
