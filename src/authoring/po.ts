// Reads and writes gettext PO files, the exchange format of `npm run translations` (Poedit,
// Weblate and OmegaT all read it natively; `msgfmt -c` validates it). Only what the kit writes
// is read back: one msgctxt per entry, no plural forms; comments that tools add are kept apart.
import { z } from 'zod';

export interface PoEntry {
  /** msgctxt: the unit's stable id ("p3", "panel maze b1", "ui nav.home"). */
  id: string;
  source: string;
  target: string;
  fuzzy: boolean;
  /** `#.` lines: context for the translator (episode, panel, speaker, inline codes, glossary). */
  notes: string[];
  /** `#:` reference: where the original is. */
  reference?: string;
}

export interface PoFile {
  /** The header comment lines (without "# "). */
  comments: string[];
  headers: Record<string, string>;
  entries: PoEntry[];
}

const quote = (s: string): string =>
  `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\t/g, '\\t').replace(/\r/g, '\\r').replace(/\n/g, '\\n')}"`;

/** A string as PO writes it: one line, or split after each "\n" (as gettext's own tools do). */
function poString(keyword: string, s: string): string {
  const parts = s.split(/(?<=\n)/);
  if (parts.length <= 1) return `${keyword} ${quote(s)}`;
  return [`${keyword} ""`, ...parts.map(quote)].join('\n');
}

export function writePo(po: PoFile): string {
  const out: string[] = po.comments.map((c) => (c ? `# ${c}` : '#'));
  const header = Object.entries(po.headers)
    .map(([k, v]) => `${k}: ${v}\n`)
    .join('');
  out.push('msgid ""', poString('msgstr', header));
  for (const e of po.entries) {
    out.push('');
    for (const n of e.notes) for (const line of n.split('\n')) out.push(`#. ${line}`);
    if (e.reference) out.push(`#: ${e.reference}`);
    if (e.fuzzy) out.push('#, fuzzy');
    out.push(poString('msgctxt', e.id), poString('msgid', e.source), poString('msgstr', e.target));
  }
  return `${out.join('\n')}\n`;
}

const unquote = (raw: string, file: string, line: number): string => {
  const m = /^"((?:[^"\\]|\\.)*)"\s*$/.exec(raw.trim());
  if (!m) throw new Error(`${file}:${line}: expected a quoted string, got ${raw.trim().slice(0, 40)}`);
  return m[1]!.replace(/\\(.)/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 't' ? '\t' : c === 'r' ? '\r' : c === '"' ? '"' : c === '\\' ? '\\' : `\\${c}`,
  );
};

const headerSchema = z.record(z.string(), z.string());

/** Parses a PO file; errors name the file and line. */
export function parsePo(text: string, file: string): PoFile {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const comments: string[] = [];
  const raw: Array<PoEntry & { line: number; obsolete: boolean }> = [];
  let cur: (PoEntry & { line: number; obsolete: boolean; ctx?: boolean }) | undefined;
  let field: 'id' | 'source' | 'target' | undefined;
  const fresh = (line: number) => ({
    id: '',
    source: '',
    target: '',
    fuzzy: false,
    notes: [] as string[],
    line,
    obsolete: false,
  });
  let pendingNotes: string[] = [];
  let pendingFuzzy = false;
  let pendingRef: string | undefined;
  let seenEntry = false;
  lines.forEach((l, i) => {
    const n = i + 1;
    if (!l.trim()) {
      field = undefined;
      return;
    }
    if (l.startsWith('#~')) return; // obsolete entries (tools keep them): not ours to import
    if (l.startsWith('#')) {
      // A comment ends the entry before it and belongs to the next one.
      field = undefined;
      cur = undefined;
      if (l.startsWith('#.')) pendingNotes.push(l.slice(2).trim());
      else if (l.startsWith('#,')) pendingFuzzy ||= /\bfuzzy\b/.test(l);
      else if (l.startsWith('#:')) pendingRef = l.slice(2).trim();
      else if (!seenEntry && (l.startsWith('# ') || l === '#')) comments.push(l.replace(/^# ?/, ''));
      return;
    }
    const kw = /^(msgctxt|msgid|msgstr|msgid_plural|msgstr\[\d+\])\s+(.*)$/.exec(l);
    if (kw) {
      const [, k, rest] = kw;
      if (k === 'msgid_plural' || k!.startsWith('msgstr['))
        throw new Error(`${file}:${n}: plural forms are not used by Planches; this file was not exported by it.`);
      if (k === 'msgctxt' || (k === 'msgid' && !cur?.ctx)) {
        seenEntry = true;
        cur = {
          ...fresh(n),
          notes: pendingNotes,
          fuzzy: pendingFuzzy,
          ...(pendingRef ? { reference: pendingRef } : {}),
        };
        pendingNotes = [];
        pendingFuzzy = false;
        pendingRef = undefined;
        raw.push(cur);
      }
      if (!cur) throw new Error(`${file}:${n}: ${k} without its msgid.`);
      field = k === 'msgctxt' ? 'id' : k === 'msgid' ? 'source' : 'target';
      if (k === 'msgctxt') cur.ctx = true;
      if (k === 'msgid') cur.ctx = false;
      cur[field] = unquote(rest!, file, n);
      return;
    }
    if (l.trimStart().startsWith('"')) {
      if (!cur || !field) throw new Error(`${file}:${n}: a continued string outside an entry.`);
      cur[field] += unquote(l, file, n);
      return;
    }
    throw new Error(`${file}:${n}: expected a PO keyword (msgctxt, msgid, msgstr), a comment or a string.`);
  });
  const head = raw.find((e) => e.source === '' && !e.id);
  const headers: Record<string, string> = {};
  for (const line of (head?.target ?? '').split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) headers[m[1]!.trim()] = m[2]!.trim();
  }
  return {
    comments,
    headers: headerSchema.parse(headers),
    entries: raw
      .filter((e) => e !== head)
      .map(({ id, source, target, fuzzy, notes, reference }) => ({
        id,
        source,
        target,
        fuzzy,
        notes,
        ...(reference ? { reference } : {}),
      })),
  };
}
