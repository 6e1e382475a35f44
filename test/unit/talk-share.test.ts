// Sharing and the security policy around the talk: the reader's Mastodon server as typed, the
// share page's address, and frames allowed from the excerpt's instance only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mastodonShareUrl, normalizeInstance } from '../../src/shared/share.ts';
import { contentSecurityPolicy } from '../../src/shared/security.ts';

test('the reader’s Mastodon server, however it is typed', () => {
  const same = [
    'mastodon.social',
    ' Mastodon.Social ',
    'https://mastodon.social/',
    'https://mastodon.social/@someone',
    '@me@mastodon.social',
    'me@mastodon.social',
    'mastodon.social.',
  ];
  for (const s of same) assert.equal(normalizeInstance(s), 'mastodon.social', s);
  assert.equal(normalizeInstance('social.example:8443'), 'social.example:8443');
  assert.equal(normalizeInstance('xn--80ak6aa92e.com'), 'xn--80ak6aa92e.com');
  for (const s of [
    '',
    'localhost',
    'javascript:alert(1)',
    'data:text/html,x',
    'a b.example',
    'mastodon',
    '-bad-.example',
    'x.123',
  ]) {
    assert.equal(normalizeInstance(s), undefined, s);
  }
});

test('the share page carries the title and the address, encoded', () => {
  const url = new URL(mastodonShareUrl('mastodon.social', 'La cave & co\nhttps://talk.example/fr/1-la-cave/'));
  assert.equal(url.origin, 'https://mastodon.social');
  assert.equal(url.pathname, '/share');
  assert.equal(url.searchParams.get('text'), 'La cave & co\nhttps://talk.example/fr/1-la-cave/');
});

test('frames come only from the origins a page names; otherwise none', () => {
  assert.match(contentSecurityPolicy(), /frame-src 'none'/);
  const csp = contentSecurityPolicy({ frameOrigins: ['https://video.example'] });
  assert.match(csp, /frame-src https:\/\/video\.example;/);
  assert.equal(csp.match(/https?:\/\//g)?.length, 1, 'no other host anywhere in the policy');
  assert.match(csp, /default-src 'none'/);
});
