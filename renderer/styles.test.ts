/**
 * The stylesheet's promises that a person would notice broken: a primary button's label stays
 * readable on hover in both themes, and a step's id field is as wide as the id.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const css = readFileSync(new URL('./styles.css', import.meta.url), 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');

/** The declarations of every innermost rule whose selector list is exactly `selector`, merged in order. */
function declarations(selector: string): Record<string, string> {
  const merged: Record<string, string> = {};
  for (const [, selectors, body] of css.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    if (selectors!.trim() !== selector) continue;
    for (const declaration of body!.split(';')) {
      const colon = declaration.indexOf(':');
      if (colon > 0) merged[declaration.slice(0, colon).trim()] = declaration.slice(colon + 1).trim();
    }
  }
  return merged;
}

type Rgb = [number, number, number];

function hex(value: string): Rgb {
  const digits = /^#([0-9a-f]{6})$/i.exec(value)![1]!;
  return [0, 2, 4].map((offset) => parseInt(digits.slice(offset, offset + 2), 16)) as Rgb;
}

/** A colour as the stylesheet writes it: a hex value, var(--x), or color-mix(in srgb, a p%, b). */
function resolve(value: string, variables: Record<string, string>): Rgb {
  const variable = /^var\((--[\w-]+)\)$/.exec(value);
  if (variable) return resolve(variables[variable[1]!]!, variables);
  const mix = /^color-mix\(in srgb, (.+?) (\d+)%, (.+)\)$/.exec(value);
  if (mix) {
    const [first, second, weight] = [resolve(mix[1]!, variables), resolve(mix[3]!, variables), Number(mix[2]) / 100];
    return first.map((channel, index) => channel * weight + second[index]! * (1 - weight)) as Rgb;
  }
  return hex(value);
}

/** WCAG 2 contrast ratio. */
function contrast(a: Rgb, b: Rgb): number {
  const luminance = (rgb: Rgb) =>
    rgb
      .map((channel) => channel / 255)
      .map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4))
      .reduce((sum, c, index) => sum + c * [0.2126, 0.7152, 0.0722][index]!, 0);
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('styles.css', () => {
  const themes = { light: declarations(':root'), dark: { ...declarations(':root'), ...declarations(`:root[data-theme='dark']`) } };

  it('keeps a primary button readable on hover, in the light and the dark theme', () => {
    const primary = declarations('button.primary');
    // In order of specificity: button.primary (0,1,1) < button:hover:not(:disabled) (0,2,1) < button.primary:hover:not(:disabled) (0,3,1).
    const hovered = { ...primary, ...declarations('button:hover:not(:disabled)'), ...declarations('button.primary:hover:not(:disabled)') };
    for (const [theme, variables] of Object.entries(themes)) {
      const text = resolve(primary.color!, variables);
      expect(contrast(text, resolve(primary.background!, variables)), theme).toBeGreaterThanOrEqual(4.5);
      expect(contrast(text, resolve(hovered.background!, variables)), `${theme}, hovered`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('outranks the generic button hover with the primary one', () => {
    // Both rules exist; the primary one has one more class, so it wins whatever their order.
    expect(declarations('button:hover:not(:disabled)').background).toBe('var(--hover)');
    expect(declarations('button.primary:hover:not(:disabled)').background).toMatch(/var\(--accent\)/);
  });

  it('sizes a step id field to its content, up to the cell, instead of cutting it at a fixed width', () => {
    const id = declarations('.cell-id');
    expect(id.width).toBeUndefined();
    expect(id['field-sizing']).toBe('content');
    expect(id['max-width']).toBe('100%');
  });
});
