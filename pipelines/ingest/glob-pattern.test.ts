import { describe, expect, it } from 'vitest';
import { globToRegExp, isGlob } from './glob-pattern';

describe('glob patterns', () => {
  const matches = (pattern: string, path: string) => globToRegExp(pattern).test(path);

  it('matches * and ? within one path segment', () => {
    expect(matches('*.csv', 'a.csv')).toBe(true);
    expect(matches('*.csv', 'dir/a.csv')).toBe(false);
    expect(matches('part-?.csv', 'part-1.csv')).toBe(true);
    expect(matches('part-?.csv', 'part-10.csv')).toBe(false);
  });

  it('matches ** across any number of segments, none included', () => {
    expect(matches('**/*.csv', 'a.csv')).toBe(true);
    expect(matches('**/*.csv', 'x/y/a.csv')).toBe(true);
    expect(matches('data/**/part.parquet', 'data/year=2024/month=1/part.parquet')).toBe(true);
    expect(matches('data/**', 'data/a/b')).toBe(true);
  });

  it('matches character sets, ranges and negations', () => {
    expect(matches('[ab].csv', 'a.csv')).toBe(true);
    expect(matches('[ab].csv', 'c.csv')).toBe(false);
    expect(matches('f[0-9].csv', 'f7.csv')).toBe(true);
    expect(matches('f[!0-9].csv', 'f7.csv')).toBe(false);
    expect(matches('f[!0-9].csv', 'fx.csv')).toBe(true);
  });

  it('matches {a,b} alternatives, which may hold globs', () => {
    expect(matches('*.{csv,tsv}', 'a.tsv')).toBe(true);
    expect(matches('*.{csv,tsv}', 'a.json')).toBe(false);
    expect(matches('{2023,20*}/x.csv', '2024/x.csv')).toBe(true);
  });

  it('takes regular expression characters literally', () => {
    expect(matches('a+b (1).csv', 'a+b (1).csv')).toBe(true);
    expect(matches('a.csv', 'abcsv')).toBe(false);
  });

  it('tells globs from plain paths', () => {
    expect(isGlob('data/*.csv')).toBe(true);
    expect(isGlob('data/part-{1,2}.csv')).toBe(true);
    expect(isGlob('data/file.csv')).toBe(false);
  });
});
