// The QR code printed next to a talk excerpt's address in the PDF (TalkExcerpt.astro, print
// output): an SVG made at build time by uqr (no dependency, no network), black on white with the
// standard quiet zone. Hidden from assistive technology: the address is written next to it.
import { renderSVG } from 'uqr';

export function qrSvg(text: string): string {
  return renderSVG(text, { border: 4, ecc: 'M' }).replace('<svg ', '<svg aria-hidden="true" focusable="false" ');
}
