/**
 * Glob patterns for source URIs, as shells and DuckDB write them: `*` and `?` within one path
 * segment, `**` for any number of segments, `[abc]` / `[a-z]` / `[!a]` for one character of a
 * set, `{csv,tsv}` for alternatives. Paths are matched with '/' separators.
 *
 * @example
 * globToRegExp('data/**\/part-*.{csv,tsv}').test('data/2024/01/part-3.csv') // true
 */

/** Whether `text` holds any glob syntax. */
export function isGlob(text: string): boolean {
  return /[*?[{]/.test(text);
}

/** The pattern as an anchored regular expression over '/'-separated paths. */
export function globToRegExp(pattern: string): RegExp {
  return new RegExp(`^${translate(pattern)}$`);
}

function translate(pattern: string): string {
  let out = '';
  for (let index = 0; index < pattern.length; index++) {
    const char = pattern[index] as string;
    if (char === '*') {
      if (pattern[index + 1] === '*') {
        index++;
        // `**/` matches zero or more whole segments; a trailing or inner `**` anything at all.
        if (pattern[index + 1] === '/') {
          index++;
          out += '(?:[^/]*/)*';
        } else {
          out += '.*';
        }
      } else {
        out += '[^/]*';
      }
    } else if (char === '?') {
      out += '[^/]';
    } else if (char === '[') {
      const end = pattern.indexOf(']', index + 2);
      if (end === -1) {
        out += '\\[';
        continue;
      }
      const body = pattern.slice(index + 1, end);
      const negated = body.startsWith('!') || body.startsWith('^');
      const set = (negated ? body.slice(1) : body).replace(/[\\\]^]/g, '\\$&');
      out += negated ? `[^/${set}]` : `[${set}]`;
      index = end;
    } else if (char === '{') {
      const end = pattern.indexOf('}', index);
      if (end === -1) {
        out += '\\{';
        continue;
      }
      const alternatives = pattern
        .slice(index + 1, end)
        .split(',')
        .map(translate);
      out += `(?:${alternatives.join('|')})`;
      index = end;
    } else {
      out += char.replace(/[.+^$()|\\/]/g, '\\$&');
    }
  }
  return out;
}
