/**
 * The shared engine test suite: the same cases, with the same exact expected values, for every
 * Engine implementation (as duckdb-wasm's own `testBindings` runs per runtime). Passing it on two
 * engines is what makes their results interchangeable.
 *
 * @example
 * testEngine('native', () => NativeEngine.create({ threads: 2 }));
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../pipelines/engine/engine';
import { embedFragment, sqlFragmentChecker, type SqlFragmentCheck } from '../pipelines/engine/sql-fragment';
import { NativeEngine } from '../pipelines/node/engine/native-engine';
import { exportToDatabaseFile } from '../pipelines/node/engine/bridge';
import { literal } from '../pipelines/sql';

/** Registers the suite under `label`; `create` makes one engine, shared by its cases. */
export function testEngine(label: string, create: () => Promise<Engine>): void {
  describe(`engine: ${label}`, () => {
    let engine: Engine;
    let dir: string;

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'winnow-engine-'));
      engine = await create();
    });

    afterAll(async () => {
      await engine?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    /** The single value of a one-row, one-column query. */
    async function valueOf(sql: string): Promise<unknown> {
      const rows = await engine.query(`SELECT ${sql} AS v`);
      expect(rows).toHaveLength(1);
      return rows[0]?.v;
    }

    it('embeds DuckDB v1.4.3', async () => {
      expect(await engine.version()).toBe('v1.4.3');
    });

    it('reads back what run() wrote, in query order', async () => {
      await engine.run(`CREATE TABLE people (id INTEGER, name VARCHAR); INSERT INTO people VALUES (2, 'Bo'), (1, 'Al')`);
      expect(await engine.query('SELECT id, name FROM people ORDER BY id')).toEqual([
        { id: 1, name: 'Al' },
        { id: 2, name: 'Bo' },
      ]);
    });

    it('returns an empty list for a query without rows', async () => {
      expect(await engine.query('SELECT 1 AS v WHERE false')).toEqual([]);
    });

    it('returns an empty list for a query without rows that has list and struct columns', async () => {
      expect(await engine.query('SELECT [1] AS l, {a: 1} AS s WHERE false')).toEqual([]);
    });

    it('rejects invalid SQL with DuckDB’s message', async () => {
      await expect(engine.query('SELECT * FROM no_such_table')).rejects.toThrow(/no_such_table/);
    });

    describe('normalises values', () => {
      it('BIGINT: a number while safe, a bigint beyond 2^53', async () => {
        expect(await valueOf('9007199254740991::BIGINT')).toBe(9007199254740991);
        expect(await valueOf('-42::BIGINT')).toBe(-42);
        expect(await valueOf('9007199254740993::BIGINT')).toBe(9007199254740993n);
        expect(await valueOf('(-9223372036854775808)::BIGINT')).toBe(-9223372036854775808n);
      });

      it('HUGEINT (what SUM of integers returns): a number while safe, else a bigint', async () => {
        expect(await engine.query('SELECT sum(x) AS v FROM (VALUES (1::BIGINT), (2::BIGINT)) t(x)')).toEqual([{ v: 3 }]);
        expect(await valueOf('(-170141183460469231731687303715884105728)::HUGEINT')).toBe(-170141183460469231731687303715884105728n);
        expect(await valueOf('340282366920938463463374607431768211455::UHUGEINT')).toBe(340282366920938463463374607431768211455n);
      });

      it('INTEGER, SMALLINT, TINYINT and unsigned types', async () => {
        expect(
          await engine.query('SELECT 2147483647::INTEGER a, (-32768)::SMALLINT b, 7::TINYINT c, 4294967295::UINTEGER d, 18446744073709551615::UBIGINT e'),
        ).toEqual([{ a: 2147483647, b: -32768, c: 7, d: 4294967295, e: 18446744073709551615n }]);
      });

      it('DOUBLE and FLOAT, including non-finite values', async () => {
        expect(await engine.query(`SELECT 0.1::DOUBLE a, 1.1::FLOAT b, 'nan'::DOUBLE c, '-inf'::DOUBLE d`)).toEqual([
          { a: 0.1, b: 1.100000023841858, c: NaN, d: -Infinity },
        ]);
      });

      it('DECIMAL(10,2) as a number', async () => {
        expect(await engine.query('SELECT 1234.56::DECIMAL(10,2) a, -0.05::DECIMAL(10,2) b, 0::DECIMAL(10,2) c')).toEqual([{ a: 1234.56, b: -0.05, c: 0 }]);
      });

      it('wide DECIMAL exactly as DuckDB casts it to DOUBLE, not correctly rounded', async () => {
        // Correct rounding would give -0.17651337881172502, 24922582034709640000, 1.2345678901234567.
        expect(await valueOf(`'-0.17651337881172502'::DECIMAL(18,17)`)).toBe(-0.176513378811725);
        expect(await valueOf(`'24922582034709637504.1099563008'::DECIMAL(38,10)`)).toBe(24922582034709635000);
        expect(await valueOf(`'1.2345678901234567890123456789'::DECIMAL(38,28)`)).toBe(1.234567890123457);
      });

      it('DATE as YYYY-MM-DD', async () => {
        expect(await engine.query(`SELECT DATE '2024-02-29' a, DATE '1900-01-01' b, DATE '9999-12-31' c`)).toEqual([
          { a: '2024-02-29', b: '1900-01-01', c: '9999-12-31' },
        ]);
      });

      it('TIMESTAMP as ISO-8601, microseconds truncated toward zero', async () => {
        expect(
          await engine.query(
            `SELECT TIMESTAMP '2024-01-02 03:04:05.123456' a, TIMESTAMP '9999-12-31 23:59:59.999999' b,
                    TIMESTAMP '1900-01-01 00:00:00.123456' c, TIMESTAMPTZ '2024-01-02 03:04:05+01' d,
                    TIMESTAMP_NS '2024-01-02 03:04:05.123456789' e, TIMESTAMP_S '2024-01-02 03:04:05' f`,
          ),
        ).toEqual([
          {
            a: '2024-01-02T03:04:05.123Z',
            b: '9999-12-31T23:59:59.999Z',
            // Truncation toward zero moves a time before 1970 forward: .123456 becomes .124.
            c: '1900-01-01T00:00:00.124Z',
            d: '2024-01-02T02:04:05.000Z',
            e: '2024-01-02T03:04:05.123Z',
            f: '2024-01-02T03:04:05.000Z',
          },
        ]);
      });

      it('VARCHAR with quotes, newlines and unicode, unchanged', async () => {
        const text = `it's "quoted", a\nnew line; ünïcødé 日本 🦆`;
        expect(await valueOf(literal(text))).toBe(text);
        expect(await valueOf(`''`)).toBe('');
      });

      it('BOOLEAN', async () => {
        expect(await engine.query('SELECT true a, false b')).toEqual([{ a: true, b: false }]);
      });

      it('NULL of any type as null', async () => {
        expect(await engine.query('SELECT NULL a, NULL::VARCHAR b, NULL::DATE c, NULL::DECIMAL(10,2) d, NULL::INTEGER[] e')).toEqual([
          { a: null, b: null, c: null, d: null, e: null },
        ]);
      });

      it('a list as its JSON, nested values normalised the native way', async () => {
        expect(await valueOf('[1, NULL, 3]')).toBe('[1,null,3]');
        expect(await valueOf(`['a"b', 'c']`)).toBe('["a\\"b","c"]');
        expect(await valueOf('[[1.5::DECIMAL(4,2)], []]')).toBe('[[1.5],[]]');
        expect(await valueOf(`[DATE '2024-01-02', NULL]`)).toBe('["2024-01-02T00:00:00.000Z",null]');
        expect(await valueOf('[9007199254740993::BIGINT]')).toBe('["9007199254740993"]');
        expect(await valueOf('[1, 2]::INTEGER[2]')).toBe('[1,2]');
      });

      it('a struct as its JSON, nested values normalised the native way', async () => {
        expect(
          await valueOf(`{'n': 1, 's': 'x', 'd': 2.50::DECIMAL(5,2), 't': TIMESTAMP '2024-01-02 03:04:05', 'l': [true], 'b': 1::BIGINT, 'z': NULL::INTEGER}`),
        ).toBe('{"n":1,"s":"x","d":2.5,"t":"2024-01-02T03:04:05.000Z","l":[true],"b":"1","z":null}');
        expect(await valueOf(`{'inner': {'h': 1::HUGEINT}}`)).toBe('{"inner":{"h":"1"}}');
      });

      it('a map as its JSON list of {key, value}', async () => {
        expect(await valueOf(`MAP {'k': 1, 'j': NULL}`)).toBe('[{"key":"k","value":1},{"key":"j","value":null}]');
      });

      it('ENUM and UUID as strings, TIME as microseconds', async () => {
        expect(await engine.query(`SELECT 'b'::ENUM('a', 'b') e, '6c2d4b0e-9f4b-4a38-9d0f-6f5a1b0d2c3e'::UUID u, TIME '01:02:03.5' t`)).toEqual([
          { e: 'b', u: '6c2d4b0e-9f4b-4a38-9d0f-6f5a1b0d2c3e', t: 3723500000 },
        ]);
      });

      it('INTERVAL and BLOB as the JSON of the native engine’s objects', async () => {
        expect(await engine.query(`SELECT INTERVAL '1 month 2 days 3.000004 seconds' i, INTERVAL '-5 days' j, '\\x00\\xFFa'::BLOB b`)).toEqual([
          {
            i: '{"months":1,"days":2,"micros":"3000004"}',
            j: '{"months":0,"days":-5,"micros":"0"}',
            b: '{"type":"Buffer","data":[0,255,97]}',
          },
        ]);
      });
    });

    it('reads a CSV file, sniffing its types', async () => {
      const path = join(dir, 'people.csv');
      writeFileSync(path, 'id,name,born,score\n1,"Smith, Al",1990-05-01,1.5\n2,Bo,,2\n');
      expect(await engine.query(`SELECT * FROM read_csv(${literal(path)}) ORDER BY id`)).toEqual([
        { id: 1, name: 'Smith, Al', born: '1990-05-01', score: 1.5 },
        { id: 2, name: 'Bo', born: null, score: 2 },
      ]);
    });

    it('reads a TSV file', async () => {
      const path = join(dir, 'people.tsv');
      writeFileSync(path, 'id\tname\n1\tAl\n2\tBo\n');
      expect(await engine.query(`SELECT * FROM read_csv(${literal(path)}, delim = '\t') ORDER BY id`)).toEqual([
        { id: 1, name: 'Al' },
        { id: 2, name: 'Bo' },
      ]);
    });

    describe('checks a spec’s SQL fragments (sql-fragment.ts)', () => {
      let check: SqlFragmentCheck;
      /** Whether this engine's DuckDB has its parser at hand (json_serialize_sql), or only its lexer. */
      let parses: boolean;

      beforeAll(async () => {
        check = (await sqlFragmentChecker(engine))!;
        const [row] = await engine.query(`SELECT count(*) AS n FROM duckdb_functions() WHERE function_name = 'json_serialize_sql'`);
        parses = Number(row?.n) > 0;
      });

      it('with DuckDB’s parser on native DuckDB, with DuckDB’s lexer on duckdb-wasm (no json extension)', () => {
        expect(check).toBeTypeOf('function');
        expect(parses).toBe(engine.name === 'duckdb-native');
      });

      it.each([
        'round(delay / 60.0, 4)',
        'origin <> destination',
        "CASE WHEN delay > 15 THEN 'late' WHEN delay IS NULL THEN NULL ELSE 'on time' END",
        'x IN (1, 2)',
        "note = 'a; b)' OR note = ')' OR note = ';'",
        '"odd;name)" > 1',
        'delay > 0 -- the late ones',
        'x IS DISTINCT FROM y',
        'extract(year FROM day) = 2024',
        'x IN (SELECT * FROM range(3))',
      ])('accepts the expression %s', async (text) => {
        expect(await check('expression', text)).toBeNull();
      });

      it.each([
        "TRUE), FALSE); COPY (SELECT 'x' AS x) TO '/some/path.csv'; SELECT coalesce((TRUE",
        "1) FROM x; ATTACH 'elsewhere.duckdb' AS y; SELECT (1",
        "1); ATTACH 'elsewhere.duckdb' AS y; SELECT (1",
        "1); COPY (SELECT 1) TO '/some/path.csv'; SELECT (1",
        "'never closed",
        'x /* never closed',
        // Backslashes escape in E'' strings only: the string ends after \'', and the COPY would be a statement.
        "E'\\'' ; COPY (SELECT 1) TO '/some/path.csv' ; SELECT '",
        // $ belongs to the identifier x$$, so no dollar-quoted string starts there.
        "x$$ ; COPY (SELECT 1) TO '/some/path.csv'; $$",
        '1) + (2',
        '   ',
        "x = 'a\u0000b'",
      ])('refuses the expression %s', async (text) => {
        expect(await check('expression', text)).toMatch(/^not one SQL expression: /);
      });

      it.each([
        'SELECT *, price * qty AS total FROM input WHERE qty > 0',
        'SELECT * FROM input;',
        'WITH big AS (SELECT * FROM input WHERE qty > 9) FROM big',
        'SELECT * FROM input UNION ALL SELECT * FROM input',
      ])('accepts the query %s', async (text) => {
        expect(await check('query', text)).toBeNull();
      });

      it.each(["SELECT * FROM input; COPY (SELECT 1) TO '/some/path.csv'", 'SELECT * FROM input) x, (SELECT 2', "SELECT 1; ATTACH 'elsewhere.duckdb'"])(
        'refuses the query %s',
        async (text) => {
          expect(await check('query', text)).toMatch(/^not one SELECT statement: /);
        },
      );

      // Only a parser tells a table from a column; duckdb-wasm in an app has no host files to read.
      it.each([
        ['query', "SELECT * FROM read_csv('/etc/passwd')", /it calls the table function read_csv\(\)/],
        ['query', "FROM '/etc/hosts'", /it reads "\/etc\/hosts"/],
        ['query', 'SELECT * FROM __winnow_rejects', /it reads "__winnow_rejects"/],
        ['query', 'SELECT * FROM main.input', /it reads "main.input"/],
        ['query', 'SELECT * FROM (DESCRIBE input)', /it reads a show ref/],
        ['expression', "x IN (SELECT * FROM read_csv('/etc/passwd'))", /it calls the table function read_csv\(\)/],
        ['expression', "(SELECT count(*) FROM '/etc/hosts') > 0", /it reads "\/etc\/hosts"/],
        ['expression', '1, 2', /^not one SQL expression: it goes on past the expression/],
      ] as const)('with a parser, refuses the %s %s', async (kind, text, problem) => {
        const found = await check(kind, text);
        if (parses) expect(found).toMatch(problem);
        else expect(found).toBeNull();
      });

      it('runs an accepted fragment as written, a trailing comment included', async () => {
        const where = 'delay > 0 -- the late ones';
        expect(await check('expression', where)).toBeNull();
        expect(
          await engine.query(`SELECT count(*) AS n FROM (VALUES (1), (-1), (5)) t(delay) WHERE coalesce(${embedFragment('expression', where)}, FALSE)`),
        ).toEqual([{ n: 2 }]);
        const query = 'SELECT *, delay * 2 AS twice FROM input WHERE delay > 0;';
        expect(await check('query', query)).toBeNull();
        expect(await engine.query(`WITH input AS (SELECT 3 AS delay), output AS ${embedFragment('query', query)} SELECT * FROM output`)).toEqual([
          { delay: 3, twice: 6 },
        ]);
      });

      // Whatever the fragment, one it accepts never makes a second statement where Winnow writes it.
      it('never accepts a fragment that ends Winnow’s statement (seeded fuzz, DuckDB’s parser as the judge)', async () => {
        const pieces = [
          "'",
          '"',
          ';',
          '(',
          ')',
          '--',
          '\n',
          '/*',
          '*/',
          '$$',
          '$a$',
          "E'",
          '\\',
          ' ',
          'x',
          '1',
          ',',
          'e',
          'FROM',
          "U&'",
          " COPY (SELECT 1) TO '/some/path.csv' ",
          ' SELECT ',
        ];
        let state = 20261204;
        const next = () => (state = (state * 1103515245 + 12345) % 2147483648) / 2147483648;
        const judge = await NativeEngine.create({ threads: 1 });
        try {
          let accepted = 0;
          for (let round = 0; round < 400; round++) {
            const text = Array.from({ length: 1 + Math.floor(next() * 10) }, () => pieces[Math.floor(next() * pieces.length)]).join('');
            for (const kind of ['expression', 'query'] as const) {
              if ((await check(kind, text)) !== null) continue;
              accepted++;
              // Twice in one statement, as one pass counts several checks: a string left open in one would close in the next.
              const embedded = embedFragment(kind, text);
              const statement =
                kind === 'expression'
                  ? `SELECT coalesce(${embedded}, FALSE) AS a, coalesce(${embedded}, FALSE) AS b`
                  : `WITH input AS (SELECT 1 AS x), a AS ${embedded}, b AS ${embedded} SELECT * FROM a, b`;
              const [row] = await judge.query(`SELECT json_serialize_sql(${literal(statement)}::VARCHAR) AS parsed`);
              const parsed = JSON.parse(String(row?.parsed)) as { error_message?: string; statements?: unknown[] };
              // It may fail to parse or bind (the lexer lets more through than the parser), but as one statement:
              // DuckDB serializes only SELECTs, so a COPY or ATTACH after ours would show as this error.
              const statements = /Only SELECT statements/.test(parsed.error_message ?? '') ? 'more than one' : (parsed.statements?.length ?? 0);
              expect({ text, kind, statements }).toEqual({ text, kind, statements: parsed.statements ? 1 : 0 });
            }
          }
          expect(accepted).toBeGreaterThan(20);
        } finally {
          await judge.close();
        }
      });
    });

    describe('a database file from the bridge', () => {
      let path: string;

      beforeAll(async () => {
        path = join(dir, 'working-set.duckdb');
        const native = await NativeEngine.create({ threads: 1 });
        try {
          await exportToDatabaseFile(
            native,
            `SELECT i AS id, 'row ' || i AS label, (i / 4)::DECIMAL(10,2) AS amount, DATE '2024-01-01' + i::INTEGER AS day
             FROM range(1000) t(i)`,
            path,
          );
        } finally {
          await native.close();
        }
      });

      it('attaches read-only and reads back the same rows', async () => {
        await engine.attachDatabase(path, 'ws');
        expect(await engine.query('SELECT count(*) AS n, sum(id) AS total, max(amount) AS top FROM ws.data')).toEqual([
          { n: 1000, total: 499500, top: 249.75 },
        ]);
        expect(await engine.query('SELECT * FROM ws.data WHERE id IN (0, 999) ORDER BY id')).toEqual([
          { id: 0, label: 'row 0', amount: 0, day: '2024-01-01' },
          { id: 999, label: 'row 999', amount: 249.75, day: '2026-09-26' },
        ]);
        await expect(engine.run('INSERT INTO ws.data (id) VALUES (-1)')).rejects.toThrow(/read-only/i);
      });
    });

    describe('formats it does not read', () => {
      let parquet: string;
      let json: string;

      beforeAll(async () => {
        parquet = join(dir, 'small.parquet');
        json = join(dir, 'small.json');
        writeFileSync(json, '[{"a": 1}]');
        const native = await NativeEngine.create({ threads: 1 });
        try {
          await native.run(`COPY (SELECT 1 AS a) TO ${literal(parquet)} (FORMAT parquet)`);
        } finally {
          await native.close();
        }
      });

      // Offline, duckdb-wasm would otherwise hang fetching the extension until a timeout.
      it('fails fast on Parquet and JSON unless it says it reads them', { timeout: 10_000 }, async () => {
        for (const [format, sql] of [
          ['parquet', `SELECT * FROM read_parquet(${literal(parquet)})`],
          ['json', `SELECT * FROM read_json(${literal(json)})`],
        ] as const) {
          const started = Date.now();
          if (engine.readsFormats.has(format)) {
            expect(await engine.query(sql)).toEqual([{ a: 1 }]);
          } else {
            await expect(engine.query(sql)).rejects.toThrow(new RegExp(`${format} extension`));
            expect(Date.now() - started).toBeLessThan(2_000);
          }
        }
      });
    });
  });
}
