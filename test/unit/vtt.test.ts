// The WebVTT reader: the excerpt's transcript, the stage's surtitles, and the errors authors see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cueTextAt, cutCues, parseVtt } from '../../src/shared/talk/vtt.ts';

const FILE = `\uFEFFWEBVTT - the talk\r
Kind: captions\r
\r
NOTE a comment\r
spanning two lines\r
\r
STYLE\r
::cue { color: yellow }\r
\r
1\r
00:01:31.000 --> 00:01:38.500 align:start\r
<v.loud The Narrator>It was <i>dark</i> in the cellar &amp; cold.</v>\r
\r
01:41.000 --> 01:47.000\r
Two\r
lines\r
`;

test('cues with their times, voices and text; NOTE and STYLE skipped; BOM and CRLF accepted', () => {
  assert.deepEqual(parseVtt(FILE), {
    cues: [
      { start: 91, end: 98.5, text: 'It was dark in the cellar & cold.', voice: 'The Narrator' },
      { start: 101, end: 107, text: 'Two\nlines' },
    ],
  });
});

test('cut to an excerpt, and the line being said', () => {
  const { cues } = parseVtt(FILE) as { cues: Array<{ start: number; end: number; text: string }> };
  assert.equal(cutCues(cues, 100, 200).length, 1);
  assert.equal(cutCues(cues, 98.5, 101).length, 0, 'a cue ending at the start is not in');
  assert.equal(cueTextAt(cues, 92)?.voice, 'The Narrator');
  assert.equal(cueTextAt(cues, 99), undefined);
});

test('mistakes name their line', () => {
  const bad: Array<[string, number, RegExp]> = [
    ['Hello', 1, /starts with the line "WEBVTT"/],
    ['WEBVTT\n\n00:01.000 -> 00:02.000\nHi', 3, /expected a cue's times/],
    ['WEBVTT\n\n1:5.0 --> 00:02.000\nHi', 3, /is not a cue's times/],
    ['WEBVTT\n\n00:05.000 --> 00:02.000\nHi', 3, /ends \(00:02.000\) before it starts/],
    ['WEBVTT\n\n00:01.000 --> 00:02.000\nHi\n00:02.000 --> 00:03.000\nThere', 5, /put a blank line between two cues/],
  ];
  for (const [text, line, message] of bad) {
    const r = parseVtt(text);
    assert.ok('error' in r, text);
    assert.equal(r.line, line, text);
    assert.match(r.error, message);
  }
});
