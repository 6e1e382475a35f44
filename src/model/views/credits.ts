// Who made the book, as every output credits them (home page, footer, title page, About page,
// cover, EPUB and PDF metadata): from the settings' `authors`, in one language. A translator is
// credited only in the languages they translated into, never in the original.
import type { Role, Settings } from '../schemas/settings.ts';
import { ROLES } from '../schemas/settings.ts';
import { resolveText } from './resolve.ts';
import { t, type StringKey } from '../../i18n/index.ts';

export type Person = Settings['authors'][number];

/** The roles of a person, in the order of ROLES, whether the settings give one or a list. */
export function rolesOf(person: Person): Role[] {
  const given = Array.isArray(person.role) ? person.role : [person.role];
  return ROLES.filter((r) => given.includes(r));
}

/** A person's name in `lang` (a collective may have one per language). */
export function nameOf(person: Person, lang: string, original: string): string {
  return typeof person.name === 'string' ? person.name : resolveText(person.name, lang, original).text;
}

export interface Credited {
  name: string;
  /** What they did for this edition, credited in `lang`, in the order of ROLES. */
  roles: Role[];
  fediverse?: string;
}

/** Every person credited in `lang`, with the roles credited there, in the settings' order. */
export function credited(settings: Settings, lang: string): Credited[] {
  return settings.authors.flatMap((p) => {
    const roles = rolesOf(p).filter(
      (r) => r !== 'translator' || (lang !== settings.original && (!p.languages || p.languages.includes(lang))),
    );
    if (!roles.length) return [];
    return [{ name: nameOf(p, lang, settings.original), roles, ...(p.fediverse ? { fediverse: p.fediverse } : {}) }];
  });
}

/** The names credited with `role` in `lang`. */
export function namesWith(settings: Settings, lang: string, role: Role): string[] {
  return [...new Set(credited(settings, lang).flatMap((c) => (c.roles.includes(role) ? [c.name] : [])))];
}

export interface CreditGroup {
  /** The roles these people share, in the order of ROLES ("drawings and bubble dialogue"). */
  roles: Role[];
  names: string[];
}

/**
 * The credits as a reader reads them: people who did the same things together, groups in the order
 * of their first role (the text first, the original book's drawings last).
 */
export function creditGroups(settings: Settings, lang: string): CreditGroup[] {
  const groups: CreditGroup[] = [];
  for (const c of credited(settings, lang)) {
    const same = groups.find((g) => g.roles.join() === c.roles.join());
    if (same) {
      if (!same.names.includes(c.name)) same.names.push(c.name);
    } else groups.push({ roles: c.roles, names: [c.name] });
  }
  const rank = (g: CreditGroup) => ROLES.indexOf(g.roles[0]!);
  return groups.sort((a, b) => rank(a) - rank(b));
}

/** The people who made this edition's content (text, drawings, dialogue): the metadata's creators. */
export const CREATOR_ROLES: readonly Role[] = ['author', 'illustrator', 'dialogue'];

const ROLE_LABEL: Record<Role, StringKey> = {
  author: 'role.author',
  illustrator: 'role.illustrator',
  dialogue: 'role.dialogue',
  translator: 'role.translator',
  'original-illustrator': 'role.original-illustrator',
};

/** "Drawings and bubble dialogue", "Dessins, dialogues des bulles et traduction". */
export function rolesLabel(roles: Role[], lang: string): string {
  const labels = roles.map((r, i) => {
    const label = t(lang, ROLE_LABEL[r]);
    return i === 0 ? label : label.toLocaleLowerCase(lang);
  });
  const last = labels.pop();
  return labels.length ? `${labels.join(', ')}${t(lang, 'credits.and')}${last}` : (last ?? '');
}

/** "Drawings and bubble dialogue: Planches contributors". */
export function creditLine(group: CreditGroup, lang: string): string {
  return t(lang, 'credits.line', { roles: rolesLabel(group.roles, lang), names: group.names.join(', ') });
}
