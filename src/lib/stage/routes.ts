// Addresses of the stage pages (without the base path). The first show lives at
// /<lang>/stage/, the others at /<lang>/stage/<show>/; each has an audience screen and a
// printable script below it.
export type StageScreen = 'presenter' | 'audience' | 'script';

export function stagePath(
  lang: string,
  show: { id: string; isDefault: boolean },
  screen: StageScreen = 'presenter',
): string {
  const root = show.isDefault ? `${lang}/stage/` : `${lang}/stage/${show.id}/`;
  return root + (screen === 'presenter' ? '' : `${screen}/`);
}
