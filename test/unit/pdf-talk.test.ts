// Talk excerpts in print: the address at the start time, and its QR code.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { encode } from 'uqr';
import { clock, qrSvg, talkAddress } from '../../src/lib/pdf/talk.ts';
import { pdfPath } from '../../src/lib/pdf/names.ts';

test('start times', () => {
  assert.equal(clock(0), '0:00');
  assert.equal(clock(83), '1:23');
  assert.equal(clock(3723.9), '1:02:03');
});

test('the address starts the video at the excerpt', () => {
  assert.equal(talkAddress('https://video.example/w/abc', 90), 'https://video.example/w/abc?start=90');
  assert.equal(talkAddress('https://www.youtube.com/watch?v=x', 90), 'https://www.youtube.com/watch?v=x&t=90');
  assert.equal(talkAddress('https://video.example/w/abc'), 'https://video.example/w/abc');
});

test('the QR code is an SVG of the address, nothing fetched', () => {
  const svg = qrSvg('https://video.example/w/abc?start=90');
  assert.match(svg, /^<svg [^>]*viewBox=/);
  assert.doesNotMatch(svg, /https?:\/\/(?!www\.w3\.org)/, 'no external reference in the SVG');
  assert.ok(encode('https://video.example/w/abc?start=90').size >= 21);
});

test('each language has its own PDF file name', () => {
  assert.equal(pdfPath('guide', 'fr'), 'fr/guide-fr.pdf');
});
