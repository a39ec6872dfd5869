import type { Locator } from '@playwright/test';

/**
 * The WCAG contrast ratio between an element's text colour and its own background, as the
 * browser computed them (Chromium writes color-mix() results as `color(srgb r g b)`).
 */
export function contrastOf(element: Locator): Promise<number> {
  return element.evaluate((node) => {
    const channels = (css: string) => {
      const numbers = (css.match(/[\d.]+/g) ?? []).map(Number);
      // rgb() gives 0–255, color(srgb …) gives 0–1
      return css.startsWith('color(')
        ? numbers.slice(0, 3)
        : numbers.slice(0, 3).map((n) => n / 255);
    };
    const luminance = (css: string) => {
      const [r = 0, g = 0, b = 0] = channels(css).map((c) =>
        c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4,
      );
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const style = getComputedStyle(node);
    const [a, b] = [luminance(style.color), luminance(style.backgroundColor)].sort((x, y) => y - x);
    return ((a ?? 0) + 0.05) / ((b ?? 0) + 0.05);
  });
}
