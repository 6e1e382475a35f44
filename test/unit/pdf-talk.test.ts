// A talk excerpt in print: the QR code of its address, printed in the PDF and left out of the
// EPUB (which is cut from the same print edition); and the PDF's file name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encode } from 'uqr';
import { qrSvg } from '../../src/shared/qr.ts';
import { routes } from '../../src/shared/addresses.ts';
import { cutPrintEdition } from '../../src/outputs/epub/chapters.ts';

test('the QR code is an SVG of the address, hidden from assistive technology, nothing fetched', () => {
  const url = 'https://video.example/w/abc?start=90&stop=300';
  const svg = qrSvg(url);
  assert.match(svg, /^<svg aria-hidden="true" focusable="false" [^>]*viewBox=/);
  assert.doesNotMatch(svg, /(href|src)=/, 'no reference to anything');
  assert.ok(encode(url).size >= 21);
  assert.equal(qrSvg(url), svg, 'the same address gives the same code');
  assert.notEqual(qrSvg('https://video.example/w/abc?start=91&stop=300'), svg);
});

test('the EPUB leaves out what is marked data-print-only', () => {
  const out = mkdtempSync(join(tmpdir(), 'planches-qr-'));
  try {
    mkdirSync(join(out, 'panels'));
    writeFileSync(join(out, 'panels', 'cover.jpg'), 'x');
    const html = `<!DOCTYPE html><html lang="en"><head><title>B</title></head><body>
      <article class="chapter" id="episode-1" data-part="episode" data-episode="1" data-slug="1-one" data-title="One"><h2>One</h2>
      <div class="talk-link"><span class="talk-link__qr" data-print-only>${qrSvg('https://video.example/w/abc')}</span><p>Excerpt: <a href="https://video.example/w/abc">https://video.example/w/abc</a></p></div></article></body></html>`;
    const book = cutPrintEdition(html, {
      lang: 'en',
      base: '/',
      siteUrl: 'https://book.example',
      outDir: out,
      coverFile: 'cover.jpg',
      labels: { cover: 'Cover', episode: (n, t) => `${n}: ${t}` },
    });
    const chapter = book.parts.find((p) => p.kind === 'episode')!.xhtml;
    assert.ok(chapter.includes('https://video.example/w/abc'), 'the address stays');
    assert.ok(!chapter.includes('<svg') && !chapter.includes('talk-link__qr'), 'the QR code does not');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('each language has its own PDF file name', () => {
  assert.equal(routes.bookFile('guide', 'fr', 'pdf'), 'fr/guide-fr.pdf');
});
