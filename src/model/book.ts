// Loads the whole book from content/: settings, episodes (original and translations) and pages.
// Everything is validated here, every problem collected, and one ContentError thrown: the
// rest of the kit only ever sees valid, typed data.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ContentError, noteFile, type ContentProblem } from './errors.ts';
import { readSettings, languageCodes } from './settings.ts';
import { parseBody, type Block } from './episode/blocks.ts';
import { splitFrontmatter } from './episode/frontmatter.ts';
import { bookPath, readBookArt, readBookText } from './read.ts';
import { EPISODE_DIR, originalFrontmatter, translationFrontmatter } from './schemas/frontmatter.ts';
import { zodProblems } from './yaml-source.ts';
import { z } from 'zod';
import { loadPanels } from './panels.ts';
import { checkSvg } from './svg-safety.ts';
import { loadTalk, type TalkExcerpt } from './talk.ts';
import { checkShows } from './shows.ts';
import type { Settings } from './schemas/settings.ts';
import type { PanelDef } from './schemas/panels.ts';
import { checkGlossary, loadGlossary } from './glossary.ts';
import type { GlossaryTerm } from './schemas/glossary.ts';
import { inlineText } from '../shared/text.ts';
import { loadFigures, type FigureDef } from './figures.ts';
import { checkStructure } from './episode/structure.ts';
import { checkDraft } from './episode/drafts.ts';
import { plainName } from './characters.ts';
import { isExampleAddress } from './links.ts';

export interface EpisodeText {
  lang: string;
  file: string;
  title: string | undefined;
  summary: string | undefined;
  blocks: Block[];
  translates?: Record<string, string>;
  /** Stage settings from the original's frontmatter (a local video of the talk excerpt). */
  stage?: { video?: string };
  /** `draft: true` in the original's frontmatter. */
  draft?: boolean;
}

export interface Episode {
  number: number;
  /** The folder name: also the episode's address on the site, in every language. */
  slug: string;
  dir: string;
  original: EpisodeText & { title: string; summary: string };
  /** Translations by language code; a missing language is not translated yet. */
  translations: Record<string, EpisodeText>;
  panels: PanelDef[];
  /** The images of its <Figure> blocks (illustrations that are not panels). */
  figures: FigureDef[];
  /** A draft (`draft: true`, or a placeholder still in the text): built only with --drafts, and marked. */
  draft: boolean;
  /** The excerpt of the recorded talk (talk.yaml), when the episode has one. */
  talk?: TalkExcerpt;
}

export interface Page {
  id: string;
  lang: string;
  file: string;
  title: string;
  blocks: Block[];
}

export interface Book {
  root: string;
  settings: Settings;
  episodes: Episode[];
  pages: Page[];
  /** content/glossary.yaml's terms (none when the book has no glossary). */
  glossary: GlossaryTerm[];
  /** What is not wrong enough to stop a build, but should be fixed (errors with --strict). */
  warnings: ContentProblem[];
}

export interface LoadOptions {
  base?: string;
  url?: string;
  /** Build draft episodes too (`npm run build -- --drafts`, `npm run dev`), marked as drafts. */
  drafts?: boolean;
  /** Accept languages without their interface strings or book.yaml texts yet (`npm run translations`). */
  unfinishedLanguages?: boolean;
  /**
   * Parsed texts kept from an earlier load of the same book (`npm run dev`): a file whose text is
   * unchanged is not parsed again. Every check across files still runs on every load.
   */
  parsed?: ParseMemo;
}

/** An episode's text file parsed: what it gave and the problems it had (replayed when reused). */
interface ParsedText {
  text: string;
  how: string;
  result: (EpisodeText & { number: number }) | undefined;
  problems: ContentProblem[];
}

/** Parsed episode texts by file (relative to the book's root), for `LoadOptions.parsed`. */
export type ParseMemo = Map<string, ParsedText>;

/** A new, empty memo of parsed texts. */
export function parseMemo(): ParseMemo {
  return new Map();
}

export function loadBook(root: string, options: LoadOptions = {}): Book {
  const { settings, lineOf } = readSettings(root, options);
  const problems: ContentProblem[] = [];
  const episodes = loadEpisodes(root, settings, problems, options.drafts === true, options.parsed);
  const pages = loadPages(root, settings, problems);
  const cover = join(root, 'content', settings.cover);
  if (!/\.svg$/i.test(settings.cover)) {
    problems.push({
      file: 'content/book.yaml',
      field: 'cover',
      message: `the cover art must be an SVG file (relative to content/), got "${settings.cover}".`,
    });
  } else if (!existsSync(cover)) {
    problems.push({
      file: 'content/book.yaml',
      field: 'cover',
      message: `the cover art content/${settings.cover} does not exist.`,
    });
  } else {
    const art = readBookArt(root, `content/${settings.cover}`, problems);
    for (const f of art ? checkSvg(art.toString('utf8')) : [])
      problems.push({ file: `content/${settings.cover}`, line: f.line, message: `contains ${f.message}.` });
  }
  problems.push(
    ...checkShows(
      lineOf,
      settings.shows,
      episodes.map((e) => e.number),
      languageCodes(settings),
    ),
  );
  const glossary = loadGlossary(root, settings, problems);
  if (problems.length) throw new ContentError(problems);
  const warnings = checkGlossary(root, settings, glossary, episodes, proseOf(settings));
  if (isExampleAddress(settings.site.url)) {
    warnings.push({
      file: 'content/book.yaml',
      line: lineOf(['site', 'url']),
      field: 'site.url',
      message: `the site's address is still the example one (${settings.site.url}): set it to the address where dist/ will be served. Until then no output names an address: the PDF, its cover and the CBZ print none, the site has no RSS feed, no sitemap and no Open Graph address or image, its canonical and language links start at its root, and the share links give the address the page was opened at (or build with --url https://…).`,
    });
  }
  return { root, settings, episodes, pages, glossary, warnings };
}

const rel = bookPath;

/** An episode's own text in `lang` (title, summary, paragraphs; nothing shown from a fallback). */
function proseOf(settings: Settings): (episode: Episode, lang: string) => string {
  return (episode, lang) => {
    const text = lang === settings.original ? episode.original : episode.translations[lang];
    if (!text) return '';
    const paragraphs = text.blocks.flatMap((b) => (b.type === 'paragraph' ? [inlineText(b.inlines)] : []));
    return [text.title ?? '', text.summary ?? '', ...paragraphs].join('\n');
  };
}

function readText(root: string, path: string, problems: ContentProblem[]): string | undefined {
  const read = readBookText(root, rel(root, path));
  if ('text' in read) return read.text;
  problems.push(read);
  return undefined;
}

function loadEpisodes(
  root: string,
  settings: Settings,
  problems: ContentProblem[],
  drafts: boolean,
  memo: ParseMemo | undefined,
): Episode[] {
  const dir = join(root, 'content/episodes');
  if (!existsSync(dir)) {
    problems.push({
      file: 'content/episodes',
      message: 'the episodes folder is missing: create content/episodes/ with one folder per episode.',
    });
    return [];
  }
  const langs = languageCodes(settings);
  const episodes: Episode[] = [];
  for (const name of readdirSync(dir).sort()) {
    const epDir = join(dir, name);
    noteFile(`content/episodes/${name}`);
    if (!statSync(epDir).isDirectory() || name.startsWith('.')) continue;
    const relDir = rel(root, epDir);
    const m = EPISODE_DIR.exec(name);
    if (!m) {
      problems.push({
        file: relDir,
        message:
          'an episode folder is named "<number>-<slug>" with lowercase letters, digits and hyphens, like "19-donner-de-l-exercice".',
      });
      continue;
    }
    for (const f of readdirSync(epDir)) {
      const lm = /^(.+)\.mdx?$/.exec(f);
      if (lm && !langs.includes(lm[1]!)) {
        problems.push({
          file: `${relDir}/${f}`,
          message: `unknown language "${lm[1]}": the book's languages are ${langs.join(', ')} (content/book.yaml). Name the file <language>.mdx.`,
        });
      }
    }
    const origFile = join(epDir, `${settings.original}.mdx`);
    if (!existsSync(origFile)) {
      problems.push({
        file: relDir,
        message: `the original text is missing: expected ${settings.original}.mdx in this folder.`,
      });
      continue;
    }
    const before = problems.length;
    // Every file of the episode is read even when the original has problems: one run reports them all.
    const original = readEpisodeText(root, origFile, settings.original, true, problems, settings.httpLinks, memo);
    const translations: Record<string, EpisodeText> = {};
    for (const lang of langs) {
      if (lang === settings.original) continue;
      const file = join(epDir, `${lang}.mdx`);
      if (!existsSync(file)) continue;
      const t = readEpisodeText(root, file, lang, false, problems, settings.httpLinks, memo);
      if (t) {
        // The structure is compared only with an original that could be read.
        if (original) checkStructure(original, t, problems);
        translations[lang] = t;
      }
    }
    if (!original) {
      loadPanels(root, epDir, settings, problems);
      continue;
    }
    if (original.number !== Number(m[1])) {
      problems.push({
        file: original.file,
        line: 2,
        field: 'number',
        message: `the folder name says episode ${Number(m[1])} but the frontmatter says number: ${original.number}; make them agree.`,
      });
    }
    const beforePanels = problems.length;
    const panels = loadPanels(root, epDir, settings, problems);
    // A broken panels.yaml is reported once, not again for every panel the episode places.
    const panelsOk = problems.length === beforePanels;
    const used = new Set<string>();
    for (const b of original.blocks) {
      if (b.type !== 'panel') continue;
      if (used.has(b.id))
        problems.push({
          file: original.file,
          line: b.line,
          message: `panel "${b.id}" is placed twice; each panel appears once.`,
        });
      used.add(b.id);
      if (panels && panelsOk && !panels.some((p) => p.id === b.id)) {
        problems.push({
          file: original.file,
          line: b.line,
          message: `<Panel id="${b.id}"> is not defined in ${relDir}/panels.yaml (defined there: ${panels.map((p) => p.id).join(', ') || 'none'}).`,
        });
      }
    }
    const talk = loadTalk(
      root,
      epDir,
      relDir,
      settings,
      original.blocks,
      original.file,
      panelsOk ? panels : undefined,
      problems,
    );
    if (!original.blocks.some((b) => b.type === 'paragraph')) {
      problems.push({
        file: original.file,
        message: 'this episode has no text: write at least one paragraph after the frontmatter.',
      });
    }
    const figures = loadFigures(root, epDir, relDir, original.file, original.blocks, problems);
    const draft = checkDraft(original, Object.values(translations), drafts, problems);
    if (problems.length > before) continue;
    episodes.push({
      number: original.number,
      slug: name,
      dir: relDir,
      original: { ...original, title: original.title!, summary: original.summary ?? '' },
      translations,
      panels: panels ?? [],
      figures,
      draft,
      ...(talk ? { talk } : {}),
    });
  }
  checkUnique(episodes, problems);
  return episodes.sort((a, b) => a.number - b.number);
}

function checkUnique(episodes: Episode[], problems: ContentProblem[]): void {
  const byNumber = new Map<number, Episode>();
  const bySlug = new Map<string, Episode>();
  const panelIds = new Map<string, Episode>();
  for (const e of episodes) {
    const other = byNumber.get(e.number);
    if (other)
      problems.push({
        file: e.original.file,
        field: 'number',
        line: 2,
        message: `episode number ${e.number} is already used by ${other.original.file}; each episode needs its own number.`,
      });
    byNumber.set(e.number, e);
    const slugPart = e.slug.replace(/^\d+-/, '');
    const sameSlug = bySlug.get(slugPart);
    if (sameSlug)
      problems.push({
        file: e.dir,
        message: `the slug "${slugPart}" is already used by ${sameSlug.dir}; give each episode its own folder name.`,
      });
    bySlug.set(slugPart, e);
    for (const p of e.panels) {
      const o = panelIds.get(p.id);
      if (o)
        problems.push({
          file: `${e.dir}/panels.yaml`,
          field: `panels.${p.id}`,
          message: `panel id "${p.id}" is already used in ${o.dir}; panel ids are unique in the whole book (they are page anchors).`,
        });
      panelIds.set(p.id, e);
    }
  }
}

function readEpisodeText(
  root: string,
  path: string,
  lang: string,
  isOriginal: boolean,
  problems: ContentProblem[],
  httpLinks: boolean,
  memo?: ParseMemo,
): (EpisodeText & { number: number }) | undefined {
  const file = rel(root, path);
  const text = readText(root, path, problems);
  if (text === undefined) return undefined;
  // Parsing is what a load spends its time on (remark on every file): an unchanged text is taken
  // from the memo, its problems reported again.
  const how = `${lang} ${isOriginal} ${httpLinks}`;
  const kept = memo?.get(file);
  if (kept && kept.text === text && kept.how === how) {
    problems.push(...kept.problems);
    return kept.result;
  }
  const own: ContentProblem[] = [];
  const result = parseEpisodeText(text, file, lang, isOriginal, own, httpLinks);
  memo?.set(file, { text, how, result, problems: own });
  problems.push(...own);
  return result;
}

function parseEpisodeText(
  text: string,
  file: string,
  lang: string,
  isOriginal: boolean,
  problems: ContentProblem[],
  httpLinks: boolean,
): (EpisodeText & { number: number }) | undefined {
  const split = splitFrontmatter(text, file);
  if (!('front' in split)) {
    problems.push(split);
    return undefined;
  }
  const schema = isOriginal ? originalFrontmatter : translationFrontmatter;
  const fm = schema.safeParse(split.front.data);
  if (!fm.success) problems.push(...zodProblems(fm.error as z.ZodError, split.front));
  // The body is read even when the frontmatter is wrong, so that its problems come in the same run.
  const body = parseBody(split.body, file, split.bodyLineOffset, { httpLinks });
  problems.push(...body.problems);
  if (!fm.success || body.problems.length) return undefined;
  for (const b of body.blocks) {
    const untranslated =
      b.type === 'untranslated' ||
      (b.type === 'heading' && b.untranslated) ||
      (b.type === 'list' && JSON.stringify(b).includes('"untranslated":true'));
    if (isOriginal && untranslated) {
      problems.push({
        file,
        line: b.line,
        message: '<Untranslated /> belongs in translations only: the original text is always complete.',
      });
    }
    if (!isOriginal && b.type === 'figure' && (b.licence || b.source)) {
      problems.push({
        file,
        line: b.line,
        message: `<Figure src="${b.src}">: the licence and source are the original's, the same in every language; leave them out of the translation (translate alt, credit and the caption).`,
      });
    }
  }
  const data = fm.data as {
    number?: number;
    title?: string;
    summary?: string;
    translates?: Record<string, string>;
    stage?: { video?: string };
    draft?: boolean;
  };
  if (data.stage?.video && !body.blocks.some((b) => b.type === 'talk')) {
    problems.push({
      file,
      line: split.front.lineOf(['stage', 'video']),
      field: 'stage.video',
      message:
        'a stage video is set but this episode has no <Talk /> marker to cue it: add <Talk /> where the excerpt is played.',
    });
  }
  if (data.title !== undefined && data.title.length > 200) {
    problems.push({
      file,
      line: split.front.lineOf(['title']),
      field: 'title',
      message: `the title is ${data.title.length} characters long; keep it under 200.`,
    });
  }
  return {
    lang,
    file,
    title: data.title,
    summary: data.summary,
    blocks: body.blocks,
    translates: data.translates,
    stage: data.stage,
    ...(data.draft ? { draft: true } : {}),
    number: data.number ?? 0,
  };
}

function loadPages(root: string, settings: Settings, problems: ContentProblem[]): Page[] {
  const dir = join(root, 'content/pages');
  if (!existsSync(dir)) return [];
  const langs = languageCodes(settings);
  const pages: Page[] = [];
  for (const f of readdirSync(dir).sort()) {
    const m = /^([a-z0-9-]+)\.([a-zA-Z-]+)\.mdx$/.exec(f);
    const file = `content/pages/${f}`;
    if (!m) {
      problems.push({ file, message: 'a page file is named <page>.<language>.mdx, like about.fr.mdx.' });
      continue;
    }
    if (!langs.includes(m[2]!)) {
      problems.push({ file, message: `unknown language "${m[2]}": the book's languages are ${langs.join(', ')}.` });
      continue;
    }
    const text = readText(root, join(dir, f), problems);
    if (text === undefined) continue;
    const split = splitFrontmatter(text, file);
    if (!('front' in split)) {
      problems.push(split);
      continue;
    }
    const fm = z
      .strictObject({ title: plainName(z.string().min(1, 'expected the page title'), 'the title') })
      .safeParse(split.front.data);
    if (!fm.success) problems.push(...zodProblems(fm.error, split.front));
    const body = parseBody(split.body, file, split.bodyLineOffset, { page: true, httpLinks: settings.httpLinks });
    problems.push(...body.problems);
    if (!fm.success) continue;
    pages.push({ id: m[1]!, lang: m[2]!, file, title: fm.data.title, blocks: body.blocks });
  }
  return pages;
}
