// The dates every output stamps (EPUB, PDF): from the content, never the clock. The edition's
// `published` date is the creation date; SOURCE_DATE_EPOCH (reproducible-builds.org: the time
// of the last change to the sources), when set, is the modification date, never earlier.

export function editionDates(
  published: string,
  sourceDateEpoch: string | undefined,
): { created: Date; modified: Date } {
  const created = new Date(`${published}T00:00:00Z`);
  if (Number.isNaN(created.getTime())) throw new Error(`the publication date "${published}" is not a date`);
  let modified = created;
  if (sourceDateEpoch !== undefined && sourceDateEpoch !== '') {
    if (!/^\d+$/.test(sourceDateEpoch))
      throw new Error(`SOURCE_DATE_EPOCH must be a number of seconds since 1970, got "${sourceDateEpoch}".`);
    const epoch = new Date(Number(sourceDateEpoch) * 1000);
    if (epoch > created) modified = epoch;
  }
  return { created, modified };
}
