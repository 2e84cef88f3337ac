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

const octet = '(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';
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
    regex: `(${octet}\\.){3}${octet}|(${hextet}:){7}${hextet}|((${hextet}:){0,6}${hextet})?::((${hextet}:){0,6}${hextet})?`,
    description: 'IPv4 dotted quad, or IPv6 (eight groups, or compressed with ::)',
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
  const reversed = `reverse(${digitsOf(text)})`;
  const digit = `CAST(substr(${reversed}, i, 1) AS INTEGER)`;
  return `list_sum([CASE WHEN i % 2 = 0 THEN [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][${digit} + 1] ELSE ${digit} END FOR i IN range(1, length(${reversed}) + 1)]) % 10 = 0`;
}

/**
 * A boolean SQL expression: whether the VARCHAR expression `value` has the pattern's shape.
 * NULL when `value` is NULL.
 */
export function matchesPattern(value: string, name: PatternName): string {
  const text = `trim(${value})`;
  switch (name) {
    case 'phone':
      return `(${regexMatch(text, 'phone')} AND length(${digitsOf(text)}) BETWEEN 7 AND 15 AND NOT ${regexMatch(text, 'date')} AND NOT ${regexMatch(text, 'ip')})`;
    case 'credit_card':
      // CASE, so the checksum is only computed for values of the right shape.
      return `(CASE WHEN ${regexMatch(text, 'credit_card')} THEN ${luhn(text)} WHEN ${value} IS NOT NULL THEN FALSE END)`;
    default:
      return regexMatch(text, name);
  }
}

/** Whether `value` matches any of `names` (NULL when `value` is NULL). */
export function matchesAnyPattern(value: string, names: readonly PatternName[]): string {
  return `(${names.map((name) => matchesPattern(value, name)).join(' OR ')})`;
}
