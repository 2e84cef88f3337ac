/**
 * A legend drawn inside the chart's SVG, in its top margin: a coloured glyph and a label per
 * series. Plot's own legends are HTML beside the SVG; this keeps every chart one SVG element
 * (one snapshot file, one node to place). In a faceted chart pass `facet: 'super'`, so the
 * legend is drawn once above the facets rather than in each.
 */
import * as Plot from '@observablehq/plot';
import { TEXT } from './palette';

export interface LegendEntry {
  label: string;
  color: string;
  /** The glyph before the label: a filled square (areas, bars) or a solid or dashed line. */
  glyph?: 'square' | 'line' | 'dashed';
}

/** Rough width of 11px system-ui text per character; labels are placed one after another. */
const CHARACTER_WIDTH = 6.2;
const GLYPHS = { square: '■', line: '━━', dashed: '╍╍' } as const;
const GLYPH_WIDTH = { square: 13, line: 20, dashed: 20 } as const;

/** Marks that draw the legend `offset` pixels above the frame's top-left corner. */
export function legendMarks(entries: readonly LegendEntry[], { offset = 16, facet }: { offset?: number; facet?: 'super' } = {}): Plot.Markish[] {
  const marks: Plot.Markish[] = [];
  let dx = 0;
  for (const { label, color, glyph = 'square' } of entries) {
    const symbol = GLYPHS[glyph];
    marks.push(
      Plot.text([symbol], {
        frameAnchor: 'top-left',
        dx,
        dy: -offset,
        fill: color,
        textAnchor: 'start',
        fontSize: glyph === 'square' ? 13 : 11,
        ariaHidden: 'true',
        facet,
      }),
      Plot.text([label], { frameAnchor: 'top-left', dx: dx + GLYPH_WIDTH[glyph], dy: -offset, fill: TEXT, textAnchor: 'start', facet }),
    );
    dx += GLYPH_WIDTH[glyph] + label.length * CHARACTER_WIDTH + 18;
  }
  return marks;
}
