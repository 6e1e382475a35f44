// `npm run new-episode`: the files of a new episode, ready for the author, the translators and
// the illustrator. Refuses a number or slug already used, with a message saying by which. The
// episode is a draft (`draft: true`) whose first paragraph is a placeholder in the original's
// language, marked <Placeholder>: `npm run build` refuses both until the author replaces them, so
// that a placeholder is never published (`--drafts` previews it, marked).
import type { Book } from '../model/book.ts';
import { languageCodes } from '../model/settings.ts';
import { slugify as slugOf } from '../shared/slug.ts';
import { t } from '../i18n/index.ts';

/** The folder name of an episode: at most 60 characters, cut at a word boundary. */
export function slugify(title: string): string {
  return slugOf(title, 60);
}

export interface Scaffold {
  dir: string;
  files: Record<string, string>;
}

const yamlString = (s: string) => JSON.stringify(s);

export function scaffoldEpisode(book: Book, number: number, title: string): Scaffold {
  if (!Number.isInteger(number) || number <= 0)
    throw new Error(`The episode number must be a whole number above 0 (got "${number}").`);
  if (!title.trim()) throw new Error('The episode needs a title: npm run new-episode -- 23 "Le titre".');
  const slug = slugify(title);
  if (!slug) throw new Error(`The title "${title}" gives an empty address: use letters or digits in it.`);
  const sameNumber = book.episodes.find((e) => e.number === number);
  if (sameNumber) throw new Error(`Episode number ${number} already exists: ${sameNumber.dir}. Choose another number.`);
  const sameSlug = book.episodes.find((e) => e.slug.replace(/^\d+-/, '') === slug);
  if (sameSlug)
    throw new Error(
      `An episode with the address "${slug}" already exists: ${sameSlug.dir}. Change the title a little.`,
    );
  // Follow the book's own numbering style (19-…, 019-…); two digits for a first episode.
  const pad = book.episodes.length ? Math.max(...book.episodes.map((e) => e.slug.split('-')[0]!.length)) : 2;
  const dir = `content/episodes/${String(number).padStart(pad, '0')}-${slug}`;
  const original = book.settings.original;
  const files: Record<string, string> = {
    [`${dir}/${original}.mdx`]: [
      '---',
      `number: ${number}`,
      `title: ${yamlString(title)}`,
      '# One or two sentences for the list of episodes, the feeds and link previews (required).',
      'summary: ""',
      '# A draft is refused by `npm run build` (`--drafts` and `npm run dev` show it, marked): remove this line when the episode is ready.',
      'draft: true',
      '---',
      '',
      `<Placeholder>${t(original, 'scaffold.placeholder')}</Placeholder>`,
      '',
    ].join('\n'),
    [`${dir}/panels.yaml`]: `# The panels of this episode: see docs/authoring.md#drawing-panels-illustrators\npanels: []\n`,
    [`${dir}/panels/.gitkeep`]: '',
  };
  for (const lang of languageCodes(book.settings)) {
    if (lang === original) continue;
    // An empty body means "not translated yet": readers see the original with a notice.
    files[`${dir}/${lang}.mdx`] =
      `---\n# Not translated yet. Translate the title and each paragraph of ${original}.mdx,\n# in the same order (see docs/authoring.md#translating-an-episode-translators).\n---\n`;
  }
  return { dir, files };
}
