import { expect, type Locator } from "@playwright/test";

// Checks for the desk's text layout: Korean breaks between words only, and a timestamp, an
// amount or a duration never wraps inside itself.

/** Every element matched stays on one line (its height is one line box). */
export async function expectSingleLine(locator: Locator) {
  const count = await locator.count();
  expect(count, "nothing to check").toBeGreaterThan(0);
  for (let index = 0; index < count; index++) {
    const element = locator.nth(index);
    const { height, lineHeight, text } = await element.evaluate((node) => {
      const style = getComputedStyle(node);
      const range = document.createRange();
      range.selectNodeContents(node);
      const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
      return {
        height: lines.size,
        lineHeight: Number.parseFloat(style.lineHeight) || Number.parseFloat(style.fontSize) * 1.5,
        text: node.textContent,
      };
    });
    expect(height, `"${text}" wraps (line height ${lineHeight}px)`).toBe(1);
  }
}

/** Korean text in this element breaks between words, never inside one. */
export async function expectKeepAll(locator: Locator) {
  const wordBreak = await locator.first().evaluate((node) => getComputedStyle(node).wordBreak);
  expect(wordBreak).toBe("keep-all");
}
