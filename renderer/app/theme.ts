/** The school's accent colour, applied as CSS variables, with a text colour that keeps WCAG AA contrast. */

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** White or near-black text on the accent, whichever contrasts more. */
export function textOn(accent: string): string {
  return contrastRatio(accent, '#ffffff') >= contrastRatio(accent, '#111111') ? '#ffffff' : '#111111';
}

export function applyAccent(accent: string): void {
  const valid = /^#[0-9a-f]{6}$/i.test(accent) ? accent : '#1d4e89';
  const root = document.documentElement.style;
  root.setProperty('--accent', valid);
  root.setProperty('--on-accent', textOn(valid));
}
