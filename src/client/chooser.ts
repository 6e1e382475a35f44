// On the language chooser, point out the language the browser prefers (no redirect).
const options = [...document.querySelectorAll<HTMLElement>('[data-lang]')];
const codes = options.map((o) => o.dataset.lang!);
const preferred = navigator.languages
  .map((l) => l.toLowerCase())
  .flatMap((l) => [l, l.split('-')[0]!])
  .find((l) => codes.includes(l));
const match = options.find((o) => o.dataset.lang === preferred);
if (match) {
  match.classList.add('chooser__option--preferred');
  match.querySelector<HTMLElement>('.chooser__hint')?.removeAttribute('hidden');
}
