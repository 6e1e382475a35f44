// The performances list, arranged by the reader's clock: what is still to come first (soonest
// first), then what is past (latest first), with dates written as the reader's browser writes
// them. The page as built lists everything by date, which is also what readers without
// JavaScript see.

function readerLocale(pageLang: string): string {
  const base = pageLang.split('-')[0];
  return navigator.languages?.find((l) => l.split('-')[0] === base) ?? pageLang;
}

/** Today's date where the reader is, as YYYY-MM-DD. */
function localToday(now: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

export function arrangePerformances(section: HTMLElement): void {
  const strings = JSON.parse(section.dataset.strings ?? '{}') as Record<string, string>;
  const all = section.querySelector<HTMLOListElement>('[data-performances-all]');
  if (!all) return;
  const items = [...all.children] as HTMLLIElement[];
  const now = new Date();
  const today = localToday(now);
  const isUpcoming = (li: HTMLLIElement) =>
    li.dataset.end ? Date.parse(li.dataset.end) > now.getTime() : li.dataset.date! >= today;
  const upcoming = items.filter(isUpcoming);
  const past = items.filter((li) => !isUpcoming(li)).reverse();

  const locale = readerLocale(document.documentElement.lang);
  for (const li of items) {
    const [y, m, d] = li.dataset.date!.split('-').map(Number) as [number, number, number];
    const date = li.querySelector('.performance__date');
    if (date)
      date.textContent = new Intl.DateTimeFormat(locale, { dateStyle: 'full', timeZone: 'UTC' }).format(
        Date.UTC(y, m - 1, d),
      );
    const time = li.querySelector('.performance__time');
    if (time && li.dataset.start && li.dataset.tz) {
      const text = new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone: li.dataset.tz }).format(
        new Date(li.dataset.start),
      );
      time.textContent = (strings['performances.localTime'] ?? '{time}').replace('{time}', text);
    }
  }

  const group = (title: string, list: HTMLLIElement[], which: 'upcoming' | 'past', empty?: string) => {
    const h = document.createElement('h3');
    h.textContent = title;
    const parts: HTMLElement[] = [h];
    if (list.length) {
      const ol = document.createElement('ol');
      ol.className = 'performances__list';
      ol.dataset.performancesList = which;
      ol.append(...list);
      parts.push(ol);
    } else if (empty) {
      const p = document.createElement('p');
      p.className = 'performances__none';
      p.textContent = empty;
      parts.push(p);
    }
    return parts;
  };
  const arranged = [...group(strings['performances.upcoming']!, upcoming, 'upcoming', strings['performances.none'])];
  if (past.length) arranged.push(...group(strings['performances.past']!, past, 'past'));
  all.replaceWith(...arranged);
  // A calendar of dates that are all past adds nothing to the reader's calendar.
  const calendar = section.querySelector<HTMLElement>('.performances__calendar');
  if (calendar) calendar.hidden = upcoming.length === 0;
  section.dataset.arranged = '';
}
