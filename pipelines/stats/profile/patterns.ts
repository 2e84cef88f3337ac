/**
 * What text values look like: email, URL, phone, UUID, IP address, credit-card-like, date.
 * Each pattern is an RE2 regular expression (DuckDB's regexp_full_match) that must match the
 * whole value after trimming spaces, plus SQL conditions where a regex alone is too loose
 * (phone numbers need 7 to 15 digits and are not dates or IPs; card numbers pass Luhn).
 * The profile counts matches on a sample of rows; the `pii` check counts them on every row.
 * docs/statistics.md#column-profiles lists the expressions and what "possible PII" means.
 */
import { literal } from '../../sql';

export type PatternName = 'email' | 'url' | 'phone' | 'uuid' | 'ip' | 'credit_card' | 'date';

export interface Pattern {
  name: PatternName;
  /** Whether a value of this shape can identify a person (GDPR's personal data). */
  pii: boolean;
  /** RE2 syntax, matched against the whole trimmed value. */
  regex: string;
  description: string;
}

// The first octet is 1-255 without leading zeros (0.1.2.3 is no host's address); the others may
// be zero-padded (192.168.001.001).
const firstOctet = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9][0-9]?)';
const octet = '(25[0-5]|2[0-4][0-9]|[01]?[0-9]?[0-9])';
const hextet = '[0-9A-Fa-f]{1,4}';
const month = '(?i:(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*)\\.?';

/** In the order the profile reports them. */
export const PATTERNS: readonly Pattern[] = [
  {
    name: 'email',
    pii: true,
    regex: '[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}',
    description: 'local@domain.tld',
  },
  {
    name: 'url',
    pii: false,
    regex: '(?i:(https?|ftp)://|www\\.)[^\\s/?#]+[^\\s]*',
    description: 'http(s)://, ftp:// or www. followed by a host',
  },
  {
    name: 'phone',
    pii: true,
    regex:
      '\\+[0-9]{7,15}|(\\+[0-9]{1,3}[ .-]?[0-9]{1,4}|(\\+[0-9]{1,3}[ .-]?)?(\\([0-9]{1,4}\\)[ .-]?)?[0-9]{2,4})([ .-][0-9]{2,4}){1,5}' +
      '|(\\+[0-9]{1,3}[ .-]?)?\\([0-9]{1,4}\\)[ .-]?[0-9]{3,4}[ .-]?[0-9]{3,4}',
    description: '+ and 7-15 digits, or digit groups separated by spaces, dots or dashes (7-15 digits in all, not a date or an IP address)',
  },
  {
    name: 'uuid',
    pii: false,
    regex: '[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}',
    description: '8-4-4-4-12 hexadecimal digits',
  },
  {
    name: 'ip',
    pii: true,
    regex: `${firstOctet}(\\.${octet}){3}|(${hextet}:){7}${hextet}|((${hextet}:){0,6}${hextet})?::((${hextet}:){0,6}${hextet})?`,
    description: 'IPv4 dotted quad (first part 1-255; the others may be zero-padded), or IPv6 (eight groups, or compressed with ::)',
  },
  {
    name: 'credit_card',
    pii: true,
    regex: '[0-9]([ -]?[0-9]){12,18}',
    description: '13-19 digits, optionally grouped by spaces or dashes, passing the Luhn checksum',
  },
  {
    name: 'date',
    pii: false,
    regex:
      `[0-9]{4}-[0-9]{2}-[0-9]{2}([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}(:?[0-9]{2})?)?)?` +
      `|[0-9]{4}/[0-9]{1,2}/[0-9]{1,2}|[0-9]{1,2}[/.-][0-9]{1,2}[/.-][0-9]{4}|[0-9]{1,2}/[0-9]{1,2}/[0-9]{2}` +
      `|[0-9]{1,2} ${month},? [0-9]{4}|${month} [0-9]{1,2}(?i:st|nd|rd|th)?,? [0-9]{4}`,
    description: 'ISO 8601 date or date-time, 2024/01/31, 31/01/2024, 31.01.2024, 31-01-2024, 1/31/24, 31 Jan 2024, January 31, 2024',
  },
];

export const PII_PATTERNS: readonly PatternName[] = PATTERNS.filter((pattern) => pattern.pii).map((pattern) => pattern.name);

export function patternNamed(name: PatternName): Pattern {
  const found = PATTERNS.find((pattern) => pattern.name === name);
  if (!found) throw new Error(`no pattern ${name}`);
  return found;
}

function regexMatch(text: string, name: PatternName): string {
  return `regexp_full_match(${text}, ${literal(patternNamed(name).regex)})`;
}

/** The digits of `text`, as a string. */
function digitsOf(text: string): string {
  return `regexp_replace(${text}, '[^0-9]', '', 'g')`;
}

/**
 * The Luhn checksum over the digits of `text`: from the right, every second digit is doubled
 * (digit sums of the doubles are looked up), and the total must be a multiple of 10.
 */
function luhn(text: string): string {
  // Unrolled over the 19 places a card number can have, on the digits bound once (a one-element
  // list comprehension): several times faster than summing a list of the digits.
  const terms = Array.from({ length: 19 }, (_, index) => {
    const digit = `(ascii(substr(luhn_digits, ${index + 1}, 1)) - 48)`;
    const term = index % 2 === 1 ? `(2 * ${digit} - CASE WHEN ${digit} >= 5 THEN 9 ELSE 0 END)` : digit;
    return `CASE WHEN length(luhn_digits) >= ${index + 1} THEN ${term} ELSE 0 END`;
  });
  return `[(${terms.join(' + ')}) % 10 = 0 FOR luhn_digits IN [reverse(${digitsOf(text)})]][1]`;
}

/** Whether the trimmed VARCHAR `text` has the pattern's shape, by the regex and the pattern's own conditions. */
export function shapeOf(text: string, name: PatternName): string {
  switch (name) {
    case 'phone':
      return `(${regexMatch(text, 'phone')} AND length(${digitsOf(text)}) BETWEEN 7 AND 15 AND NOT ${regexMatch(text, 'date')} AND NOT ${regexMatch(text, 'ip')})`;
    case 'credit_card':
      // CASE, so the checksum is only computed for values of the right shape.
      return `(CASE WHEN ${regexMatch(text, 'credit_card')} THEN ${luhn(text)} ELSE FALSE END)`;
    default:
      return regexMatch(text, name);
  }
}

/**
 * A boolean SQL expression: whether the VARCHAR expression `value` has the pattern's shape.
 * NULL when `value` is NULL.
 */
export function matchesPattern(value: string, name: PatternName): string {
  // The regular expressions run only on values that pass quickTest: each costs 100-200 ns a
  // value, and the profile and the pii check ask every text value for every shape.
  return `(CASE WHEN ${quickTest(value, name)} THEN ${shapeOf(`trim(${value})`, name)} WHEN ${value} IS NOT NULL THEN FALSE END)`;
}

/**
 * A necessary condition for `value` to have the pattern's shape, as a whole or anywhere inside,
 * without a regular expression: the characters and the length no value of that shape does without.
 * - email: an @; url: :// or www. (in any case); uuid: 36 characters with dashes;
 * - ip: a dot (IPv4) or a colon (IPv6); date: a dash, slash, dot or space between its parts;
 * - credit_card: at least 13 characters (13 digits);
 * - phone: at least 7 characters (7 digits), and a + (+15551234567), a ( (the area code), or a
 *   space, dot or dash between digit groups: a bare run of digits is no phone number's text.
 */
export function quickTest(value: string, name: PatternName): string {
  const containsAny = (characters: string[]) => `(${characters.map((character) => `contains(${value}, ${literal(character)})`).join(' OR ')})`;
  switch (name) {
    case 'email':
      return containsAny(['@']);
    case 'url':
      return `(contains(${value}, '://') OR contains(lower(${value}), 'www.'))`;
    case 'uuid':
      return `(length(${value}) >= 36 AND contains(${value}, '-'))`;
    case 'ip':
      return containsAny(['.', ':']);
    case 'date':
      return containsAny(['-', '/', '.', ' ']);
    case 'credit_card':
      return `(length(${value}) >= 13)`;
    case 'phone':
      return `(length(${value}) >= 7 AND ${containsAny(['+', '(', ' ', '.', '-'])})`;
  }
}

/**
 * Characters that may stand right before a match inside text, and right after it (a sentence's
 * full stop included): anything but letters, digits and the characters the shapes are made of,
 * so `v1.2.3.4` and `1.2.3.4.5` hold no IP address and `x3.14159` no number.
 */
const BEFORE = '(?:^|[^A-Za-z0-9_.@+:-])';
const AFTER = '(?:$|[^A-Za-z0-9_.@:-]|\\.(?:$|[^A-Za-z0-9]))';

/** The candidates for a pattern inside VARCHAR `value`: runs of its shape standing apart from other words. */
function candidatesOf(value: string, name: PatternName): string {
  return `regexp_extract_all(${value}, ${literal(`${BEFORE}(${patternNamed(name).regex})${AFTER}`)}, 1)`;
}

/**
 * A boolean SQL expression: whether VARCHAR `value` holds the pattern anywhere, as a whole value
 * or inside free text ("Contact me at bob@example.com please"), with the pattern's own conditions
 * (digit counts, not a date or an IP, Luhn) on the part found. NULL when `value` is NULL.
 */
export function containsPattern(value: string, name: PatternName): string {
  // A value that has the shape as a whole is judged as a whole (searching it would find itself).
  const run = digitRun(value, name);
  return `(CASE WHEN ${value} IS NULL THEN NULL WHEN NOT ${quickTest(value, name)} THEN FALSE
    WHEN ${regexMatch(`trim(${value})`, name)} THEN ${shapeOf(`trim(${value})`, name)}${run ? ` WHEN NOT ${run} THEN FALSE` : ''}
    ELSE len([candidate FOR candidate IN ${candidatesOf(value, name)} IF ${matchesPattern('candidate', name)}]) > 0 END)`;
}

/**
 * What containsPattern asks beyond quickTest before it searches the text: seven digits apart only
 * by separators, which every phone and card number has. Null for the other shapes: quickTest
 * already asks for all their text cannot do without.
 */
function digitRun(value: string, name: PatternName): string | null {
  return name === 'phone' || name === 'credit_card'
    ? `regexp_matches(${value}, '[0-9][ .()-]*[0-9][ .()-]*[0-9][ .()-]*[0-9][ .()-]*[0-9][ .()-]*[0-9][ .()-]*[0-9]')`
    : null;
}

/** The first part of `value` that holds the pattern (as containsPattern finds it), or NULL. */
export function firstMatchOf(value: string, name: PatternName): string {
  return `[candidate FOR candidate IN ${candidatesOf(value, name)} IF ${matchesPattern('candidate', name)}][1]`;
}

/** Whether `value` matches any of `names` (NULL when `value` is NULL). */
export function matchesAnyPattern(value: string, names: readonly PatternName[]): string {
  return `(${names.map((name) => matchesPattern(value, name)).join(' OR ')})`;
}

/**
 * Whether a column of this DuckDB type can hold personal data: text, and integers wide enough for
 * a card number (13 digits or more: BIGINT, HUGEINT and their unsigned forms, DECIMAL without a
 * fraction). The `pii` check and the profile look at these columns.
 */
export function mayHoldPii(type: string): boolean {
  const upper = type.trim().toUpperCase();
  return upper === 'VARCHAR' || isWideInteger(upper);
}

function isWideInteger(upper: string): boolean {
  if (/^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)$/.test(upper)) return true;
  const decimal = /^DECIMAL\((\d+),\s*0\)$/.exec(upper);
  return decimal !== null && Number(decimal[1]) >= 13;
}

/**
 * In a wide integer column (see mayHoldPii) a positive value of 11 or 12 digits also counts as a
 * phone number (a country code and a national number, as 15551234567): shorter or longer integers
 * are too often ids and Unix times (10, 13 and 16 digits) to be called phone numbers. The SQL
 * condition on column `ref`, or null when the rule does not apply.
 */
function integerPhone(ref: string, type: string, name: PatternName): string | null {
  return name === 'phone' && isWideInteger(type.trim().toUpperCase()) ? `(${ref} > 0 AND length(CAST(${ref} AS VARCHAR)) BETWEEN 11 AND 12)` : null;
}

/**
 * The one rule for personal data in a column, used by the `pii` check and the profile: a boolean
 * SQL expression, whether the value of column `ref` (of DuckDB type `type`) holds the pattern, as
 * the whole value or inside free text (containsPattern on its text), or, in a wide integer
 * column, is a phone number's 11 or 12 digits (integerPhone). NULL when the value is NULL.
 */
export function columnHoldsPattern(ref: string, type: string, name: PatternName): string {
  const text = `CAST(${ref} AS VARCHAR)`;
  if (isWideInteger(type.trim().toUpperCase())) {
    // An integer's text is one run of digits, after a minus sign at most: it holds no email or IP
    // address and no separated phone number, and holds a card number only as the whole value (a
    // minus sign before the digits is no separator, see BEFORE). The same answers as
    // containsPattern on the text, at a fraction of the cost (the profile scans every such column).
    switch (name) {
      case 'phone':
        return integerPhone(ref, type, name)!;
      case 'credit_card':
        return `(CASE WHEN ${ref} IS NULL THEN NULL WHEN ${ref} < 1000000000000 THEN FALSE ELSE ${matchesPattern(text, name)} END)`;
      case 'email':
      case 'ip':
        return `(CASE WHEN ${ref} IS NOT NULL THEN FALSE END)`;
      default:
        return containsPattern(text, name);
    }
  }
  return containsPattern(text, name);
}

/** The part of column `ref`'s value that columnHoldsPattern found (the first), or NULL. */
export function columnMatchOf(ref: string, type: string, name: PatternName): string {
  const text = `CAST(${ref} AS VARCHAR)`;
  const phone = integerPhone(ref, type, name);
  return phone ? `CASE WHEN ${phone} THEN ${text} ELSE ${firstMatchOf(text, name)} END` : firstMatchOf(text, name);
}
