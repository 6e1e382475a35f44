// The image manifest: which files the image pipeline made for each panel, cover, poster and
// link-preview card (src/images/render.ts writes it as .cache/panels/manifest.json), shared by
// every part that shows or copies them: the pages, the outputs, the stage, the dev server.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BubbleLayout } from '../shared/panel-layout.ts';
import type { Book } from './book.ts';

export type { BubbleLayout };

/** Where the images and their manifest are cached, under the book's folder. */
export const PANEL_CACHE_DIR = '.cache/panels';

export interface Variant {
  width: number;
  file: string;
}

export interface PanelImage {
  /** Pixel size of the largest variant (the aspect ratio for layout). */
  width: number;
  height: number;
  /** Responsive raster variants for the site, smallest first (empty for vector panels). */
  avif: Variant[];
  webp: Variant[];
  /** The one file every output can show: the SVG of a vector panel, else a PNG. */
  file: Variant;
  /** Panels only: each bubble as laid out, in reading order (what the guided viewer zooms to). */
  bubbles?: BubbleLayout[];
  /**
   * A vector panel as a PNG, for readers that draw no SVG (the e-ink EPUB, the CBZ); a raster
   * panel's `file` is already one.
   */
  raster?: Variant;
  /**
   * A vector panel's small copy, for the home page's episode cards and search results: its art
   * without the lettering, as SVG (one file for every size; the lettering is most of a panel's
   * bytes and unreadable in a 96–400 px picture).
   */
  thumb?: Variant;
}

/** What a small picture of a panel is drawn from: a vector panel's art-only SVG, else its raster variants. */
export function thumbVariants(image: PanelImage): { svg?: Variant; avif: Variant[]; webp: Variant[] } {
  return image.thumb ? { svg: image.thumb, avif: [], webp: [] } : { avif: image.avif, webp: image.webp };
}

/** The cover as the site shows it: its SVG when it has one (one file, sharp at every size), else its raster variants. */
export function siteCover(cover: ImageManifest['covers'][string]): PanelImage {
  return cover.svg ? { ...cover, avif: [], webp: [], file: cover.svg } : cover;
}

/** The raster image of a panel: its PNG rendering if it is vector, else its one file. */
export function rasterFile(image: PanelImage): Variant {
  return image.raster ?? image.file;
}

/** What to show where one format must serve every width, smallest first: the WebP variants, else the one file. */
export function displayVariants(image: PanelImage): Variant[] {
  return image.webp.length ? image.webp : [image.file];
}

/** panel id → language → images */
export type PanelManifest = Record<string, Record<string, PanelImage>>;

export interface ImageManifest {
  panels: PanelManifest;
  /**
   * language → the cover with its title: an SVG for the site, a PNG (`file`) for the print edition
   * and the posters, a JPEG for EPUB covers, the CBZ and social cards.
   */
  covers: Record<string, PanelImage & { jpeg: Variant; svg?: Variant }>;
  /** episode slug → the talk excerpt's poster (episodes with an excerpt only). */
  posters: Record<string, PosterImage>;
  /** episode slug ("" for the book's other pages) → language → the Open Graph image. */
  social: Record<string, Record<string, SocialImage>>;
  /** <Figure> images, by their path from the book's root (one image for every language). */
  figures?: Record<string, PanelImage>;
}

export interface PosterImage {
  width: number;
  height: number;
  avif: Variant[];
  webp: Variant[];
  /** The <img> fallback. */
  jpeg: Variant;
  /** What it was made from, for the docs and the tests. */
  source: 'author' | 'panels' | 'cover';
}

export interface SocialImage {
  file: string;
  width: number;
  height: number;
}

/** The key under which a page's social image is stored: the episode's slug, or "" for the book. */
/** Every file the manifest names, once each: what a build copies into dist/panels/. */
export function manifestFiles(manifest: ImageManifest): string[] {
  const panels = Object.values(manifest.panels).flatMap((byLang) => Object.values(byLang));
  const files = [
    ...panels.flatMap((img) => [
      ...img.avif,
      ...img.webp,
      img.file,
      ...(img.raster ? [img.raster] : []),
      ...(img.thumb ? [img.thumb] : []),
    ]),
    ...Object.values(manifest.covers).flatMap((img) => [
      ...img.avif,
      ...img.webp,
      img.file,
      img.jpeg,
      ...(img.svg ? [img.svg] : []),
    ]),
    ...Object.values(manifest.posters).flatMap((p) => [...p.avif, ...p.webp, p.jpeg]),
    ...Object.values(manifest.social).flatMap((byLang) => Object.values(byLang)),
    ...Object.values(manifest.figures ?? {}).flatMap((img) => [...img.avif, ...img.webp, img.file]),
  ];
  return [...new Set(files.map((v) => v.file))];
}

/** The manifest the image step wrote for the book in `root`. */
export function readManifest(root: string): ImageManifest {
  const file = join(root, PANEL_CACHE_DIR, 'manifest.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(
      `The panel images were not made (${file}: ${(e as Error).message}): run npm run build, or npm run panels first.`,
    );
  }
}

/**
 * What the images are drawn from, out of the loaded book: the settings, each episode's panels,
 * figures, talk and the order its original places its panels in (posters and link cards take
 * the first). Not the prose: `npm run dev` keeps the images of the last load while this is the
 * same and no other file than an .mdx text changed (the art itself is read from disk).
 */
export function imageInputs(book: Book): string {
  return JSON.stringify({
    root: book.root,
    settings: book.settings,
    episodes: book.episodes.map((e) => ({
      number: e.number,
      slug: e.slug,
      dir: e.dir,
      draft: e.draft,
      panels: e.panels,
      figures: e.figures,
      talk: e.talk ?? null,
      placed: e.original.blocks.flatMap((b) => (b.type === 'panel' ? [b.id] : [])),
    })),
  });
}
