import { describe, expect, it } from 'vitest';
import { canonicalJson, parseSpec, SpecErrors } from './parse';

const header = `version: 1
name: flights-daily
seed: 7
sources:
  flights:
    uri: data/flights.csv
`;

function errorsOf(text: string, file = 'flights.winnow.yaml'): string[] {
  try {
    parseSpec(text, file);
  } catch (error) {
    expect(error).toBeInstanceOf(SpecErrors);
    return (error as SpecErrors).errors.map((one) => one.oneLine());
  }
  throw new Error('expected the spec to be rejected');
}

describe('parseSpec', () => {
  it('accepts the contract example from the issue', () => {
    const spec = parseSpec(
      `version: 1
name: flights-daily
seed: 7
input: flights
sources:
  flights:
    uri: data/flights.csv
    format: csv
    options: { delimiter: ",", header: true }
  baseline:
    uri: data/flights-2024.parquet
steps:
  - { id: cols,  check: schema, columns: { date: DATE, delay: INTEGER, origin: VARCHAR } }
  - { id: delay, check: not_null, column: delay, mostly: 0.99, on_fail: reject }
  - { id: dist,  check: between, column: distance, min: 0, max: 5000, on_fail: fail }
  - { id: hours, transform: derive, column: delay_hours, expr: "delay / 60.0" }
  - { id: split, transform: split, method: hash, key: [id], fractions: { train: 0.8, valid: 0.1, test: 0.1 } }
outputs:
  - { name: train, from: split.train, format: parquet, shards: 4 }
gates:
  max_reject_fraction: 0.05
`,
      'flights.winnow.yaml',
    );
    expect(spec.steps).toHaveLength(5);
    expect(spec.outputs[0]).toEqual({ name: 'train', from: 'split.train', format: 'parquet', shards: 4 });
  });

  it('accepts JSON as well as YAML', () => {
    const spec = parseSpec(
      JSON.stringify({ version: 1, name: 'j', sources: { a: { uri: 'a.csv' } }, steps: [{ id: 'n', check: 'not_null', column: 'x' }] }),
      'j.json',
    );
    expect(spec.seed).toBe(0);
    expect(spec.outputs).toEqual([]);
  });

  it('names file, line, step and field, and suggests the step kind for a typo', () => {
    expect(errorsOf(header + 'steps:\n  - { id: delay, check: not_nul, column: delay }\n')).toEqual([
      'flights.winnow.yaml:8, step "delay", field "check": unknown check kind "not_nul" (did you mean "not_null"?)',
    ]);
  });

  it('says when a check kind is really a transform', () => {
    expect(errorsOf(header + 'steps:\n  - { id: f, check: filter, where: "x > 1" }\n')[0]).toContain('"filter" is a transform: write "transform: filter"');
  });

  it('reports unknown keys with a suggestion, on the line of the key', () => {
    const errors = errorsOf(header + 'steps:\n  - id: d\n    check: between\n    column: delay\n    mni: 0\n');
    expect(errors).toContain('flights.winnow.yaml:11, step "d", field "mni": unknown field "mni" for check between (did you mean "min"?)');
  });

  it('reports unknown top-level and nested keys', () => {
    expect(errorsOf(header + 'steps: []\ngates:\n  max_reject_fractoin: 0.1\n')).toEqual([
      'flights.winnow.yaml:9, field "max_reject_fractoin": unknown field "max_reject_fractoin" (did you mean "max_reject_fraction"?)',
    ]);
    expect(errorsOf(header + 'step: []\n')).toContain('flights.winnow.yaml:7, field "step": unknown field "step" (did you mean "steps"?)');
  });

  it('says what was expected for a wrong value', () => {
    expect(errorsOf(header + 'steps:\n  - { id: d, check: not_null, column: delay, mostly: 2 }\n')).toEqual([
      'flights.winnow.yaml:8, step "d", field "mostly": expected a number <= 1, got 2',
    ]);
    expect(errorsOf(header + 'steps:\n  - { id: d, check: not_null, column: delay, on_fail: drop }\n')[0]).toBe(
      'flights.winnow.yaml:8, step "d", field "on_fail": expected one of "warn", "reject", "fail", got "drop"',
    );
    expect(errorsOf(header + 'steps:\n  - { id: d, check: between, column: delay }\n')[0]).toBe(
      'flights.winnow.yaml:8, step "d", field "min/max": expected "min" or "max"',
    );
  });

  it('rejects mostly on dataset-level checks, explaining why', () => {
    expect(errorsOf(header + 'steps:\n  - { id: r, check: row_count_between, min: 1, mostly: 0.5 }\n')[0]).toContain('"mostly" applies to row-level checks');
  });

  it('checks split fractions, duplicate ids and output references', () => {
    expect(errorsOf(header + 'steps:\n  - { id: s, transform: split, method: hash, fractions: { train: 0.8, test: 0.3 } }\n')[0]).toBe(
      'flights.winnow.yaml:8, step "s", field "fractions": the shares add up to 1.1, expected 1',
    );
    expect(errorsOf(header + 'steps:\n  - { id: a, check: not_null, column: x }\n  - { id: a, check: not_null, column: y }\n')[0]).toContain(
      'step id "a" is used twice',
    );
    const outputs =
      header +
      'steps:\n  - { id: split, transform: split, method: hash, fractions: { train: 0.9, test: 0.1 } }\noutputs:\n  - { name: train, from: split.trian }\n';
    expect(errorsOf(outputs)).toEqual([
      'flights.winnow.yaml:10, field "outputs[0].from": split "split" has no part "trian" (it has train, test) (did you mean "train"?)',
    ]);
  });

  it('reports YAML syntax errors with their line', () => {
    expect(errorsOf(header + 'steps:\n  - { id: a, check: not_null, column: x\n')[0]).toMatch(/^flights\.winnow\.yaml:\d+: not valid YAML or JSON/);
  });

  it('reports a missing step kind and suggests the key', () => {
    expect(errorsOf(header + 'steps:\n  - { id: a, chek: not_null, column: x }\n')[0]).toBe(
      'flights.winnow.yaml:8, step "a": a step needs "check: <kind>" or "transform: <kind>" (did you mean "check"?)',
    );
  });
});

describe('parseSpec: names and seeds that would reach outside a run (issue 11)', () => {
  const named = (name: string) => `version: 1\nname: ${name}\nsources:\n  flights:\n    uri: data/flights.csv\nsteps: []\n`;
  const withOutputs = (outputs: string) => `${header}steps: []\noutputs:\n${outputs}`;

  it('refuses a seed that is not an integer in [0, 2^53), as written', () => {
    for (const seed of ['.inf', '-.inf', '.nan', '1e400', '18446744073709551616', '9007199254740992', '-1', '2.5', '"7"']) {
      expect(errorsOf(header.replace('seed: 7', `seed: ${seed}`) + 'steps: []\n'), seed).toEqual([
        `flights.winnow.yaml:3, field "seed": expected an integer from 0 to 9007199254740991 (2^53 - 1), got ${seed}`,
      ]);
    }
    expect(errorsOf('{"version": 1, "name": "j", "seed": 1e400, "sources": {"a": {"uri": "a.csv"}}, "steps": []}', 'j.json')).toEqual([
      'j.json:1, field "seed": expected an integer from 0 to 9007199254740991 (2^53 - 1), got 1e400',
    ]);
    expect(parseSpec(header.replace('seed: 7', 'seed: 9007199254740991') + 'steps: []\n', 'flights.winnow.yaml').seed).toBe(9007199254740991);
  });

  it('refuses spec and output names that are not plain file names', () => {
    for (const name of ['../../elsewhere', '/tmp/x', 'a/b', '.hidden', 'a b']) {
      expect(errorsOf(named(JSON.stringify(name))), name).toEqual([
        `flights.winnow.yaml:2, field "name": expected a plain file name (letters, digits, "_", "." and "-", starting with a letter or digit), got ${JSON.stringify(name)}`,
      ]);
      expect(errorsOf(withOutputs(`  - { name: ${JSON.stringify(name)} }\n`))).toEqual([
        `flights.winnow.yaml:9, field "name": expected a plain file name (letters, digits, "_", "." and "-", starting with a letter or digit), got ${JSON.stringify(name)}`,
      ]);
    }
  });

  it('refuses output names that are Winnow’s own files, in any case', () => {
    for (const name of ['rejects', 'manifest', 'report', 'snapshot', 'Rejects']) {
      expect(errorsOf(withOutputs(`  - { name: ${name} }\n`))).toEqual([
        `flights.winnow.yaml:9, field "name": output name "${name}" is Winnow's own (rejects, manifest, report, snapshot are reserved, in any case)`,
      ]);
    }
  });

  it('refuses outputs whose files could collide: a shard’s name, or names that differ only in case', () => {
    expect(errorsOf(withOutputs('  - { name: x, shards: 2 }\n  - { name: x-00000-of-00002 }\n'))).toEqual([
      'flights.winnow.yaml:10, field "name": output "x-00000-of-00002" would write the file x-00000-of-00002.parquet as output "x": output files must not collide',
    ]);
    expect(errorsOf(withOutputs('  - { name: x-00001-of-00002, format: csv }\n  - { name: x, shards: 2, format: csv }\n'))[0]).toContain(
      'would write the file x-00001-of-00002.csv as output "x-00001-of-00002"',
    );
    expect(errorsOf(withOutputs('  - { name: Train }\n  - { name: train }\n'))).toEqual([
      'flights.winnow.yaml:10, field "name": output "train" differs only in case from output "Train": output files must not collide',
    ]);
    // Files that cannot meet: another format, a shard number the output does not have, another shard count.
    expect(() =>
      parseSpec(
        withOutputs(
          '  - { name: x, shards: 2 }\n  - { name: x-00000-of-00002, format: csv }\n  - { name: x-00002-of-00002 }\n  - { name: x-00000-of-00003 }\n',
        ),
        'f.yaml',
      ),
    ).not.toThrow();
  });

  it('refuses column names like Winnow’s own in steps that create or rename columns', () => {
    expect(errorsOf(`${header}steps:\n  - { id: r, transform: rename, columns: { b: __winnow_row } }\n`)).toEqual([
      `flights.winnow.yaml:8, step "r", field "columns": "__winnow_row": column names starting with __winnow_ are Winnow's own`,
    ]);
    expect(errorsOf(`${header}steps:\n  - { id: d, transform: derive, column: __WINNOW_row, expr: "1" }\n`)).toEqual([
      `flights.winnow.yaml:8, step "d", field "column": "__WINNOW_row": column names starting with __winnow_ are Winnow's own`,
    ]);
    expect(errorsOf(`${header}steps:\n  - { id: e, transform: encode, column: __winnow, method: onehot }\n`)).toEqual([
      `flights.winnow.yaml:8, step "e", field "column": one-hot columns are named "__winnow_<value>", and names starting with __winnow_ are Winnow's own`,
    ]);
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth so equal specs hash equally', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[2,{"y":2,"z":1}]},"b":1}');
  });
});

describe('YAML aliases', () => {
  it('an alias to nothing, or an alias bomb, is a spec error naming the file, not a crash', () => {
    const unresolved = 'version: 1\nname: x\nsources:\n  s: { uri: a.csv }\nsteps:\n  - <<: *nowhere\n';
    const bomb = [
      'a: &a [x, x, x, x, x, x, x, x, x, x]',
      ...'bcdefgh'.split('').map((name, index) => `${name}: &${name} [${Array(10).fill(`*${'abcdefgh'[index]}`).join(', ')}]`),
      'version: 1',
    ].join('\n');
    for (const text of [unresolved, bomb]) {
      let caught: unknown;
      try {
        parseSpec(text, 'hostile.winnow.yaml');
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(SpecErrors);
      expect((caught as SpecErrors).errors[0]?.place.file).toBe('hostile.winnow.yaml');
    }
  });
});
