// The credits of every figure of the book, in one language: shown under each figure, and gathered
// here for the About page and the colophon of the EPUB and the PDF (the licence page), where
// the licences that ask for attribution (CC BY…) expect to find them.
import type { Book } from '../book.ts';
import { episodeView } from './episode.ts';

export interface FigureCredit {
  episode: number;
  episodeTitle: { text: string; lang: string };
  slug: string;
  /** The figure's id in its episode (f1…): its anchor. */
  id: string;
  caption?: { text: string; lang: string };
  credit: { text: string; lang: string };
  licence?: string;
  licenceUrl?: string;
  source?: string;
}

export function figureCredits(book: Book, lang: string): FigureCredit[] {
  return book.episodes.flatMap((e) => {
    const view = episodeView(book, e, lang);
    return view.blocks.flatMap((b) =>
      b.type === 'figure' && b.credit
        ? [
            {
              episode: e.number,
              episodeTitle: { text: view.title.text, lang: view.title.lang },
              slug: e.slug,
              id: b.id,
              ...(b.caption ? { caption: { text: b.caption.text, lang: b.caption.lang } } : {}),
              credit: { text: b.credit.text, lang: b.credit.lang },
              ...(b.licence ? { licence: b.licence } : {}),
              ...(b.licenceUrl ? { licenceUrl: b.licenceUrl } : {}),
              ...(b.source ? { source: b.source } : {}),
            },
          ]
        : [],
    );
  });
}
