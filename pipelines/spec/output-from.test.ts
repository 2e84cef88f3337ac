import { describe, expect, it } from 'vitest';
import { outputFrom } from './output-from';
import { parseSpec, SpecErrors } from './parse';

const spec = (outputs: string, extraSteps = '') => `version: 1
name: flights
sources:
  flights:
    uri: data/flights.csv
steps:
  - { id: hours, transform: derive, column: delay_hours, expr: "delay / 60.0" }
  - { id: dedupe, transform: dedupe }
  - { id: off, check: not_null, column: delay, enabled: false }
  - { id: split, transform: split, method: hash, fractions: { train: 0.8, "b.c": 0.2 } }
${extraSteps}outputs:
${outputs}`;

function errorsOf(text: string): string[] {
  try {
    parseSpec(text, 'flights.winnow.yaml');
  } catch (error) {
    expect(error).toBeInstanceOf(SpecErrors);
    return (error as SpecErrors).errors.map((one) => one.oneLine());
  }
  throw new Error('expected the spec to be refused');
}

describe('an output takes any step’s result', () => {
  it('reads a step id alone as the data right after it, and the first dot as the end of a split’s id', () => {
    expect(outputFrom('dedupe')).toEqual({ stepId: 'dedupe', part: null });
    expect(outputFrom('split.train')).toEqual({ stepId: 'split', part: 'train' });
    expect(outputFrom('split.b.c')).toEqual({ stepId: 'split', part: 'b.c' });
  });

  it('accepts a step id, a split’s id alone, and a split part (one with a dot in its name too)', () => {
    const parsed = parseSpec(
      spec(
        '  - { name: derived, from: hours }\n  - { name: unique, from: dedupe }\n  - { name: split_all, from: split }\n  - { name: b, from: split.b.c }\n  - { name: all }\n',
      ),
      'f.yaml',
    );
    expect(parsed.outputs.map((output) => output.from)).toEqual(['hours', 'dedupe', 'split', 'split.b.c', undefined]);
  });

  it('accepts outputs written before the steps they name', () => {
    const text =
      'version: 1\nname: x\noutputs:\n  - { name: late, from: last }\nsources:\n  a: { uri: a.csv }\nsteps:\n  - { id: first, transform: dedupe }\n  - { id: last, transform: derive, column: y, expr: "1" }\n';
    expect(parseSpec(text, 'x.yaml').outputs).toEqual([{ name: 'late', from: 'last' }]);
  });

  it('refuses an unknown step, a disabled step and a part of a step that is not a split, naming the file, the field and the value', () => {
    expect(errorsOf(spec('  - { name: x, from: dedup }\n'))).toEqual([
      'flights.winnow.yaml:12, field "outputs[0].from": "dedup" names no step (did you mean "dedupe"?): from takes a step id (the data right after it) or <split step id>.<part>',
    ]);
    expect(errorsOf(spec('  - { name: x, from: hours }\n  - { name: y, from: off }\n'))).toEqual([
      'flights.winnow.yaml:13, field "outputs[1].from": "off" names step "off", which is disabled: it has no data to take',
    ]);
    expect(errorsOf(spec('  - { name: x, from: hours.train }\n'))).toEqual([
      'flights.winnow.yaml:12, field "outputs[0].from": "hours.train": step "hours" is a transform derive, not a split, so it has no parts (from: hours takes the data right after it)',
    ]);
    expect(errorsOf(spec('  - { name: x, from: off.x }\n'))[0]).toContain('which is disabled');
    expect(errorsOf(spec('  - { name: x, from: split.test }\n'))).toEqual([
      'flights.winnow.yaml:12, field "outputs[0].from": split "split" has no part "test" (it has train, b.c)',
    ]);
  });

  it('refuses a part of a disabled split', () => {
    const text = spec('  - { name: x, from: later.a }\n', '  - { id: later, transform: split, method: hash, fractions: { a: 1 }, enabled: false }\n');
    expect(errorsOf(text)).toEqual([
      'flights.winnow.yaml:13, field "outputs[0].from": "later.a" names step "later", which is disabled: it has no data to take',
    ]);
  });

  it('refuses hostile values on one line, quoted, and cut short when long', () => {
    const hostile = [
      `x"; DROP TABLE __winnow_rejects; --`,
      `hours' OR '1'='1`,
      '',
      '.',
      'hours..',
      '..train',
      'été',
      '🙂',
      'a\nb',
      'split.train; DROP TABLE t',
    ];
    for (const value of hostile) {
      const errors = errorsOf(spec(`  - { name: x, from: ${JSON.stringify(value)} }\n`));
      expect(errors, value).toHaveLength(1);
      expect(errors[0], value).toMatch(/^flights\.winnow\.yaml:12, field "outputs\[0\]\.from": /);
      expect(errors[0]!.split('\n'), value).toHaveLength(1);
    }
    const long = 'a'.repeat(100_000);
    const [error] = errorsOf(spec(`  - { name: x, from: ${long} }\n`));
    expect(error).toBe(
      `flights.winnow.yaml:12, field "outputs[0].from": "${'a'.repeat(80)}"… (100000 characters) names no step: from takes a step id (the data right after it) or <split step id>.<part>`,
    );
  });

  it('refuses a value that is not text', () => {
    expect(errorsOf(spec('  - { name: x, from: [hours] }\n'))[0]).toContain('expected a string, got a list');
  });
});
