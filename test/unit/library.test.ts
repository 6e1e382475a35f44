// The sample's character library (content/art/library.svg): every pose a character can speak from
// carries its head and mouth anchors (the tail check needs them), the guinea pigs look like guinea
// pigs in every pose, and the YouTubers do not look like them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { libraryPoses } from '../../src/images/speakers.ts';

const library = readFileSync('content/art/library.svg', 'utf8');
const symbols = new Map(
  [...library.matchAll(/<symbol\b[^>]*\bid="([^"]+)"[\s\S]*?<\/symbol>/g)].map((m) => [m[1]!, m[0]] as const),
);
const speaking = /^(narrator|subject|broker|hygienist|youtuber)(-|$)/;

/** The problems of one library text; the tests below run it on the real library and on broken copies. */
function problems(text: string): string[] {
  const out: string[] = [];
  const poses = libraryPoses(text);
  for (const [id, pose] of poses) {
    if (!speaking.test(id)) continue;
    if (!pose.head || !pose.mouth) {
      out.push(`${id}: no data-head / data-mouth`);
      continue;
    }
    const { head, mouth, viewBox: vb } = pose;
    if (head.x < vb.x || head.y < vb.y || head.x + head.w > vb.x + vb.w || head.y + head.h > vb.y + vb.h)
      out.push(`${id}: head box outside the viewBox`);
    if (mouth.x < head.x || mouth.x > head.x + head.w || mouth.y < head.y || mouth.y > head.y + head.h)
      out.push(`${id}: mouth outside the head box`);
  }
  for (const [, id, body] of text.matchAll(/<symbol\b[^>]*\bid="([^"]+)"([\s\S]*?)<\/symbol>/g)) {
    if (/^subject(-|$)/.test(id!))
      for (const part of ['subject-part-ears', 'subject-part-fur', 'subject-part-snout'])
        if (!body!.includes(`href="#${part}"`)) out.push(`${id}: no ${part}`);
    if (/^youtuber-/.test(id!) && body!.includes('#subject-part-')) out.push(`${id}: drawn with a guinea pig's parts`);
  }
  return out;
}

test('the library has the poses the panels need', () => {
  for (const id of [
    'narrator-toast',
    'narrator-pointing',
    'narrator-outraged',
    'narrator-reaching',
    'narrator-smug',
    'narrator-back',
    'narrator-bust-toast',
    'narrator-bust-disgusted',
    'narrator-bust-offering',
    'narrator-bust-profile',
    'youtuber-hype',
    'youtuber-vlog',
    'hygienist-activist',
    'broker',
  ])
    assert.ok(symbols.has(id), id);
  // The data-broker strip (another branch) places the broker by these: they must not move.
  assert.match(symbols.get('broker')!, /viewBox="-40 0 380 600" data-head="90 20 120 166" data-mouth="150 150"/);
});

test('every speaking pose is anchored, and the guinea pigs and YouTubers look like themselves', () => {
  assert.deepEqual(problems(library), []);
  assert.ok([...symbols.keys()].filter((id) => /^subject(-|$)/.test(id)).length >= 7);
});

test('the check reports a pose without anchors, a guinea pig without ears, a YouTuber made of one', () => {
  const noAnchors = library.replace(/(<symbol id="narrator-smug"[^>]*?) data-head="[^"]*"/, '$1');
  assert.deepEqual(problems(noAnchors), ['narrator-smug: no data-head / data-mouth']);
  const noEars = library.replace(/(<symbol id="subject-sad"[\s\S]*?)<use href="#subject-part-ears"\/>/, '$1');
  assert.deepEqual(problems(noEars), ['subject-sad: no subject-part-ears']);
  const lookalike = library.replace(/(<symbol id="youtuber-vlog"[^>]*>)/, '$1<use href="#subject-part-ears"/>');
  assert.deepEqual(problems(lookalike), ["youtuber-vlog: drawn with a guinea pig's parts"]);
  const mouthOut = library.replace(/(<symbol id="youtuber-hype"[^>]*?data-mouth=")[^"]*"/, '$1100 300"');
  assert.deepEqual(problems(mouthOut), ['youtuber-hype: mouth outside the head box']);
});
