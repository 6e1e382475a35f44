// Addresses made from titles: an episode's folder name, a section's anchor. Lowercase ASCII
// letters, digits and hyphens; cut at a word boundary, never inside a word.

export function slugify(title: string, max = 60): string {
  const full = title
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .replace(/æ/g, 'ae')
    .replace(/Æ/g, 'Ae')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (full.length <= max) return full;
  // Cut at the last word boundary that fits; a single word longer than the limit is cut.
  const cut = full.slice(0, max + 1);
  const boundary = cut.lastIndexOf('-');
  return (boundary > 0 ? cut.slice(0, boundary) : full.slice(0, max)).replace(/-+$/, '');
}
