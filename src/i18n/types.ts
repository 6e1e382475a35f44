import type en from './en.ts';

/** The keys every language must provide: the English file is the reference. */
export type StringKey = keyof typeof en;
export type Strings = Record<StringKey, string>;
