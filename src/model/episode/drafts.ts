// Drafts: an episode that is not ready. `npm run new-episode` writes `draft: true` and a
// placeholder paragraph (<Placeholder>…</Placeholder>) in the original's language; `npm run
// build` refuses both, so that a placeholder is never published. `--drafts` (and `npm run dev`)
// builds drafts anyway, marked as drafts on every page and left out of feeds and the sitemap.
import type { ContentProblem } from '../errors.ts';
import type { Block } from './blocks.ts';

interface Text {
  file: string;
  blocks: Block[];
  summary?: string;
  draft?: boolean;
}

const placeholders = (blocks: Block[]) =>
  blocks.filter((b): b is Extract<Block, { type: 'paragraph' }> => b.type === 'paragraph' && b.placeholder === true);

/** Whether the episode is a draft; refuses it (and an empty summary) unless drafts are built. */
export function checkDraft(original: Text, translations: Text[], drafts: boolean, problems: ContentProblem[]): boolean {
  const found = [original, ...translations].flatMap((t) => placeholders(t.blocks).map((b) => ({ file: t.file, b })));
  const draft = original.draft === true || found.length > 0;
  if (!drafts) {
    for (const { file, b } of found)
      problems.push({
        file,
        line: b.line,
        message:
          'this is the placeholder that npm run new-episode wrote (<Placeholder>…</Placeholder>): replace it with the text, or build with --drafts to preview the episode as a draft.',
      });
    if (original.draft)
      problems.push({
        file: original.file,
        field: 'draft',
        message:
          'this episode is marked "draft: true": remove that line when it is ready to publish, or build with --drafts to preview it as a draft.',
      });
  }
  if (!original.summary?.trim() && !(draft && drafts))
    problems.push({
      file: original.file,
      field: 'summary',
      message:
        'the summary is empty: write one or two sentences (they are shown in the list of episodes, feeds and link previews).',
    });
  return draft;
}
