import { describe, expect, it } from 'vitest';
import { abbreviateHash, compactFields, formatBytes, formatDuration, formatPercent, formatTime } from './format';
import { escapeHtml, html, trusted } from './markup';

describe('escapeHtml', () => {
  it('escapes what could open a tag, an entity or end an attribute', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    expect(escapeHtml('&amp;')).toBe('&amp;amp;');
    expect(escapeHtml(42)).toBe('42');
  });
});

describe('html', () => {
  it('escapes every interpolated value, in text and in attributes', () => {
    const value = `"><img src=x onerror=alert(1)>`;
    expect(html`<td title="${value}">${value}</td>`.toString()).toBe(
      '<td title="&quot;&gt;&lt;img src=x onerror=alert(1)&gt;">&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</td>',
    );
  });

  it('inserts its own markup as is, lists joined, and nothing for null, undefined and false', () => {
    const items = ['a<b', 'c'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>${null}${undefined}${false}${0}`.toString()).toBe('<ul><li>a&lt;b</li><li>c</li></ul>0');
    expect(html`${trusted('<svg></svg>')}`.toString()).toBe('<svg></svg>');
  });
});

describe('format', () => {
  it('writes percentages with enough digits for small shares', () => {
    expect([0, 0.5, 0.0005, 0.014, 0.00001, 1, null].map(formatPercent)).toEqual(['0%', '50%', '0.05%', '1.4%', '<0.01%', '100%', '–']);
  });

  it('writes sizes, durations, times and hashes short', () => {
    expect([512, 813_802, 45_876_000, 2_500_000_000].map(formatBytes)).toEqual(['512 B', '814 kB', '45.9 MB', '2.5 GB']);
    expect([840, 2400, 192_000].map(formatDuration)).toEqual(['840 ms', '2.4 s', '3 min 12 s']);
    expect(formatTime('2026-11-24T05:14:06.023Z')).toBe('2026-11-24 05:14:06 UTC');
    expect(abbreviateHash('0e2a77ac74ad4807eb4defdaba101fd8c992f798d4d2dec4189d25dc84c2e50f')).toBe('0e2a77ac74ad');
  });

  it('shortens nested fields and leaves out empty ones', () => {
    expect(
      compactFields({ missing: [], mean: 7.500651, metrics: { ks: { statistic: 0.1, pValue: 0.02 } }, values: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'] }),
    ).toEqual([
      ['mean', '7.50065'],
      ['metrics', '{ks: {statistic: 0.1, pValue: 0.02}}'],
      ['values', '[a, b, c, d, e, f, … 2 more]'],
    ]);
  });
});
