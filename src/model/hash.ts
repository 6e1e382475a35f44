import { createHash } from 'node:crypto';

/** A short, stable fingerprint of a text: enough to tell versions of a paragraph apart. */
export function shortHash(text: string, length = 8): string {
  return createHash('sha256').update(text.normalize('NFC')).digest('hex').slice(0, length);
}

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
