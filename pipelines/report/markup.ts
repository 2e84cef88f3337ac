/**
 * The one way the report turns data into HTML: the `html` tagged template escapes every value
 * it interpolates, unless the value is markup this module already made. So a CSV cell holding
 * `<script>` can only ever reach the page as text.
 *
 * @example
 * html`<td title="${file.sha256}">${file.path}</td>`.toString();
 */

/** Markup that is already safe to insert as it is. Only this module and `trusted` make one. */
export class Markup {
  constructor(readonly text: string) {}
  toString(): string {
    return this.text;
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text as HTML: safe both between tags and inside a quoted attribute. */
export function escapeHtml(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (character) => ENTITIES[character]!);
}

/** What a template may interpolate: text and numbers (escaped), markup, and lists of these. */
export type Content = Markup | string | number | bigint | boolean | null | undefined | readonly Content[];

function render(value: Content): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof Markup) return value.text;
  if (Array.isArray(value)) return value.map(render).join('');
  return escapeHtml(value);
}

/** A template whose interpolations are escaped (null, undefined and false render as nothing). */
export function html(strings: TemplateStringsArray, ...values: Content[]): Markup {
  let text = strings[0]!;
  values.forEach((value, index) => (text += render(value) + strings[index + 1]!));
  return new Markup(text);
}

/**
 * Markup from a serializer that escapes on its own (the DOM's outerHTML, for charts), or
 * a constant of this module. Never data.
 */
export function trusted(text: string): Markup {
  return new Markup(text);
}
