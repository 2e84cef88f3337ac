/**
 * A spec's SQL fragments (a filter's `where`, a derive's `expr`, a sql check's `predicate`, a sql
 * transform's `query`) are written into Winnow's own queries, so each must be what it says it is,
 * as DuckDB's own parser reads it: one expression, or one SELECT that reads only `input`. Anything
 * else is refused before it runs: a second statement (`TRUE), FALSE); COPY ... TO '/anywhere';
 * SELECT coalesce((TRUE`), a FROM clause after the expression, a table, or a file read through
 * read_csv(...) or FROM '/etc/hosts'.
 *
 * Each fragment is checked in the form it is written in (embedFragment), on its own and inside
 * the parentheses Winnow puts around it. DuckDB's json_serialize_sql returns the statements of a
 * string as JSON; native DuckDB has it built in. duckdb-wasm 1.32 does not (it is in the json
 * extension, which it cannot load offline): there DuckDB's lexer (Engine.tokenize) proves what
 * matters most, that the fragment neither ends Winnow's statement nor leaves its parentheses,
 * and the finer rules (one expression, no tables) are left to the parser of the native runner.
 * An engine with neither is not checked (sqlFragmentChecker says so by returning undefined).
 */
import type { Engine, SqlToken } from './engine';
import { literal } from '../sql';

/** What a SQL parameter must be: one expression over the row, or one SELECT over `input`. */
export type SqlFragmentKind = 'expression' | 'query';

/** Why a fragment is not what its kind says (one line), or null when it is. */
export type SqlFragmentCheck = (kind: SqlFragmentKind, text: string) => Promise<string | null>;

/** Table functions that read nothing but their arguments. */
const PURE_TABLE_FUNCTIONS = new Set(['range', 'generate_series', 'unnest']);

/** The tables a sql transform's query may read, besides its own WITH tables. */
const QUERY_TABLES: readonly string[] = ['input'];

const NOUN: Record<SqlFragmentKind, string> = { expression: 'one SQL expression', query: 'one SELECT statement' };

/** The fragment's text as Winnow writes it: a query loses a final `;`. */
function bodyOf(kind: SqlFragmentKind, text: string): string {
  return kind === 'query' ? text.trim().replace(/;\s*$/, '') : text;
}

/**
 * A fragment as Winnow writes it into its queries, in parentheses: an expression where an
 * expression goes, a query as a subquery. The line break ends a trailing `--` comment.
 */
export function embedFragment(kind: SqlFragmentKind, text: string): string {
  return `(${bodyOf(kind, text)}\n)`;
}

/** The smallest statement around an embedded fragment, and the fragment on its own. */
const WRAPPED: Record<SqlFragmentKind, { before: string; alone: (body: string) => string }> = {
  expression: { before: 'SELECT ', alone: (body) => `SELECT ${body}\n` },
  query: { before: 'SELECT * FROM ', alone: (body) => `${body}\n` },
};

/** How `engine` checks fragments: DuckDB's parser, else DuckDB's lexer; undefined when it has neither. */
export async function sqlFragmentChecker(engine: Engine): Promise<SqlFragmentCheck | undefined> {
  if (await hasParser(engine)) return (kind, text) => parsedProblem(engine, kind, text);
  const { tokenize } = engine;
  if (tokenize) return (kind, text) => lexedProblem((sql) => tokenize.call(engine, sql), kind, text);
  return undefined;
}

/**
 * Whether `engine` has json_serialize_sql (DuckDB's json extension): asked by calling it, about
 * 1 ms, where a look through duckdb_functions() took 15-60 ms of every run. Only DuckDB's answer
 * that the function is not there means no; any other error is thrown, so a fragment is never let
 * through unchecked because the question failed.
 */
async function hasParser(engine: Engine): Promise<boolean> {
  try {
    await engine.query(`SELECT json_serialize_sql('SELECT 1') AS probe`);
    return true;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/json_serialize_sql/.test(message) && /not in the catalog|does not exist/i.test(message)) return false;
    throw error;
  }
}

interface Parsed {
  error: boolean;
  error_type?: string;
  error_message?: string;
  statements?: { node: QueryNode }[];
}

type QueryNode = Record<string, unknown> & { type: string };

async function parsedProblem(engine: Engine, kind: SqlFragmentKind, text: string): Promise<string | null> {
  if (text.includes('\0')) return `not ${NOUN[kind]}: it holds a NUL character`;
  const body = bodyOf(kind, text);
  const [row] = await engine.query(
    `SELECT json_serialize_sql(${literal(WRAPPED[kind].alone(body))}::VARCHAR) AS alone, json_serialize_sql(${literal(WRAPPED[kind].before + embedFragment(kind, text))}::VARCHAR) AS embedded`,
  );
  const alone = JSON.parse(String(row?.alone)) as Parsed;
  const embedded = JSON.parse(String(row?.embedded)) as Parsed;
  const statementProblem = statementsProblem(kind, alone) ?? statementsProblem(kind, embedded);
  if (statementProblem) return statementProblem;
  const aloneNode = alone.statements![0]!.node;
  const embeddedNode = embedded.statements![0]!.node;
  if (kind === 'expression') {
    if (!isOneExpression(aloneNode) || !isOneExpression(embeddedNode)) {
      return `not ${NOUN[kind]}: it goes on past the expression (a second column, an alias, FROM, WHERE or another clause)`;
    }
    return readsProblem(embeddedNode.select_list, new Set(), kind);
  }
  if (!isSubqueryOnly(embeddedNode)) return `not ${NOUN[kind]}: it goes on past the SELECT`;
  return readsProblem(aloneNode, new Set(QUERY_TABLES), kind);
}

function statementsProblem(kind: SqlFragmentKind, parsed: Parsed): string | null {
  if (parsed.error) {
    // DuckDB serializes SELECT statements only ("Only SELECT statements...", "A CTE needs a SELECT").
    if (parsed.error_type !== 'parser') return `not ${NOUN[kind]}: it holds another kind of SQL statement`;
    return `not ${NOUN[kind]}: DuckDB cannot parse it (${String(parsed.error_message).split('\n')[0]})`;
  }
  const count = parsed.statements?.length ?? 0;
  if (count === 0) return `not ${NOUN[kind]}: it is empty`;
  if (count > 1) return `not ${NOUN[kind]}: it holds ${count} SQL statements`;
  return null;
}

/** A SELECT with nothing but its select list: no FROM, WHERE, GROUP BY, ORDER BY, WITH, ... */
function isBareSelect(node: QueryNode): boolean {
  return (
    node.type === 'SELECT_NODE' &&
    (node.modifiers as unknown[]).length === 0 &&
    ((node.cte_map as { map: unknown[] }).map ?? []).length === 0 &&
    node.where_clause === null &&
    (node.group_expressions as unknown[]).length === 0 &&
    (node.group_sets as unknown[]).length === 0 &&
    node.having === null &&
    node.qualify === null &&
    node.sample === null
  );
}

/** `SELECT <expression>`, with no alias and no FROM. */
function isOneExpression(node: QueryNode): boolean {
  const list = (node.select_list ?? []) as { alias: string }[];
  return isBareSelect(node) && list.length === 1 && list[0]!.alias === '' && (node.from_table as { type: string }).type === 'EMPTY';
}

/** `SELECT * FROM (<query>)`, exactly: what Winnow wrote around the query. */
function isSubqueryOnly(node: QueryNode): boolean {
  const list = (node.select_list ?? []) as Record<string, unknown>[];
  const star = list[0];
  const from = node.from_table as Record<string, unknown>;
  return (
    isBareSelect(node) &&
    list.length === 1 &&
    star?.class === 'STAR' &&
    star.relation_name === '' &&
    star.expr === null &&
    (star.exclude_list as unknown[]).length === 0 &&
    (star.replace_list as unknown[]).length === 0 &&
    from.type === 'SUBQUERY' &&
    from.alias === '' &&
    (from.column_name_alias as unknown[]).length === 0
  );
}

/** A table reference in json_serialize_sql's tree (expressions have a class, query nodes modifiers). */
function isTableRef(node: Record<string, unknown>): boolean {
  return typeof node.type === 'string' && 'alias' in node && 'sample' in node && !('class' in node) && !('modifiers' in node);
}

/** The first table or file the tree reads that it may not, in words; WITH tables are in scope below their query. */
function readsProblem(tree: unknown, tables: ReadonlySet<string>, kind: SqlFragmentKind): string | null {
  if (Array.isArray(tree)) {
    for (const item of tree) {
      const problem = readsProblem(item, tables, kind);
      if (problem) return problem;
    }
    return null;
  }
  if (!tree || typeof tree !== 'object') return null;
  const node = tree as Record<string, unknown>;
  const ctes = (node.cte_map as { map?: { key: string }[] } | undefined)?.map ?? [];
  const scope = ctes.length ? new Set([...tables, ...ctes.map((entry) => entry.key.toLowerCase())]) : tables;
  const problem = isTableRef(node) ? tableRefProblem(node, scope, kind) : null;
  return problem ?? readsProblem(Object.values(node), scope, kind);
}

function tableRefProblem(ref: Record<string, unknown>, scope: ReadonlySet<string>, kind: SqlFragmentKind): string | null {
  const allowed =
    kind === 'query' ? 'the query of a sql transform reads only input (and its own WITH tables)' : 'an expression reads only the row, no table or file';
  switch (ref.type) {
    case 'EMPTY':
    case 'JOIN':
    case 'SUBQUERY':
    case 'EXPRESSION_LIST':
      return null;
    case 'BASE_TABLE': {
      const name = [ref.catalog_name, ref.schema_name, ref.table_name].filter(Boolean).join('.');
      if (!ref.catalog_name && !ref.schema_name && scope.has(String(ref.table_name).toLowerCase())) return null;
      return `it reads ${JSON.stringify(name)}: ${allowed}`;
    }
    case 'TABLE_FUNCTION': {
      const call = ref.function as { function_name?: string; schema?: string; catalog?: string };
      const name = String(call.function_name);
      if (!call.schema && !call.catalog && PURE_TABLE_FUNCTIONS.has(name.toLowerCase())) return null;
      return `it calls the table function ${name}(): ${allowed}`;
    }
    default:
      return `it reads a ${String(ref.type).toLowerCase().replaceAll('_', ' ')}: ${allowed}`;
  }
}

/** Marks the end of the text: lexing that stops early (an unterminated string or comment) never reaches it. */
const END = '__winnow_end';

async function lexedProblem(tokenize: (sql: string) => Promise<SqlToken[]>, kind: SqlFragmentKind, text: string): Promise<string | null> {
  if (text.includes('\0')) return `not ${NOUN[kind]}: it holds a NUL character`;
  const { before } = WRAPPED[kind];
  const start = before.length + 1;
  const end = start + bodyOf(kind, text).length;
  const sql = `${before}${embedFragment(kind, text)} ${END}`;
  const tokens = await tokenize(sql);
  if (tokens.at(-1)?.offset !== sql.length - END.length) return `not ${NOUN[kind]}: a string, quoted name or comment in it does not end`;
  let depth = 0;
  let count = 0;
  for (const token of tokens) {
    if (token.offset < start || token.offset >= end) continue;
    count++;
    if (token.kind !== 'operator') continue;
    const char = sql[token.offset];
    if (char === ';') return `not ${NOUN[kind]}: it holds more than one SQL statement`;
    if (char === '(') depth++;
    if (char === ')' && --depth < 0) return `not ${NOUN[kind]}: it closes a parenthesis it did not open`;
  }
  if (count === 0) return `not ${NOUN[kind]}: it is empty`;
  if (depth !== 0) return `not ${NOUN[kind]}: it leaves a parenthesis open`;
  return null;
}
