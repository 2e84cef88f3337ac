/**
 * Every label statistic against pipelines/stats/reference/labels.json (written by labels.py from
 * the committed fixtures: real data from vega-datasets, the published worked examples, a seeded
 * crowd), on the native and the wasm engine, which must also agree with each other exactly.
 *
 * Rational statistics (kappas, alpha, shares, ratios, agreements) are computed exactly and rounded
 * once, so they must equal Python's float(Fraction) to the last bit. The entropy is irrational;
 * it and sklearn's own floating-point Cohen's kappa are held to 1e-9 relative.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../engine/engine';
import { closeTo, engines, loadFixture, REFERENCE_DIR } from '../../../testing/reference-fixtures';
import { agreement, type AgreementResult, type RatingsInput } from './agreement/agreement';
import { classBalance, type ClassBalance } from './balance';
import { labelConflicts, type LabelConflicts } from './conflicts';

interface ReferenceCase {
  name: string;
  fixture: string;
  types: Record<string, string>;
  agreement?: RatingsInput;
  balance?: { label: string };
  conflicts?: { features: string[]; label: string };
  expected: {
    agreement?: Omit<AgreementResult, 'annotators' | 'format' | 'lowestItems' | 'cohen' | 'krippendorffAlpha'> & {
      annotators: number;
      cohen?: NonNullable<AgreementResult['cohen']>;
      sklearnCohenKappa?: number;
      krippendorffAlpha: { value: number | null; pairableValues: number };
      lowestItems: Omit<AgreementResult['lowestItems'][number], 'labels'>[];
    };
    balance?: ClassBalance;
    conflicts?: LabelConflicts;
  };
}

const reference = JSON.parse(readFileSync(`${REFERENCE_DIR}labels.json`, 'utf8')) as {
  lowestLimit: number;
  exampleLimit: number;
  cases: ReferenceCase[];
};

interface Computed {
  agreement?: AgreementResult;
  balance?: ClassBalance;
  conflicts?: LabelConflicts;
}

async function compute(engine: Engine, testCase: ReferenceCase): Promise<Computed> {
  const table = await loadFixture(engine, testCase.fixture, 'labels_fixture', testCase.types);
  return {
    agreement: testCase.agreement ? await agreement(engine, table, testCase.agreement, { lowest: reference.lowestLimit }) : undefined,
    balance: testCase.balance ? await classBalance(engine, table, testCase.balance) : undefined,
    conflicts: testCase.conflicts ? await labelConflicts(engine, table, { ...testCase.conflicts, limit: reference.exampleLimit }) : undefined,
  };
}

function expectAgreement(actual: AgreementResult, expected: NonNullable<ReferenceCase['expected']['agreement']>): void {
  expect(actual.annotators).toHaveLength(expected.annotators);
  expect({ items: actual.items, ratings: actual.ratings, pairableItems: actual.pairableItems }).toEqual({
    items: expected.items,
    ratings: expected.ratings,
    pairableItems: expected.pairableItems,
  });
  expect(actual.kappa).toEqual(expected.kappa);
  expect(actual.fleiss).toEqual(expected.fleiss);
  expect({ value: actual.krippendorffAlpha.value, pairableValues: actual.krippendorffAlpha.pairableValues }).toEqual(expected.krippendorffAlpha);
  expect(actual.perClass).toEqual(expected.perClass);
  expect(actual.lowestItems.map(({ labels: _labels, ...item }) => item)).toEqual(expected.lowestItems);
  for (const item of actual.lowestItems) {
    expect(item.labels.reduce((total, entry) => total + entry.count, 0)).toBe(item.ratings);
  }
  if (expected.cohen) {
    expect(actual.cohen).toEqual(expected.cohen);
    expect(closeTo(actual.cohen!.value, expected.sklearnCohenKappa ?? null)).toBe(true);
  } else {
    expect(actual.cohen).toBeNull();
  }
}

function expectBalance(actual: ClassBalance, expected: ClassBalance): void {
  const { entropy, normalizedEntropy, ...exact } = actual;
  const { entropy: expectedEntropy, normalizedEntropy: expectedNormalized, ...expectedExact } = expected;
  expect(exact).toEqual(expectedExact);
  expect(closeTo(entropy, expectedEntropy), `entropy ${entropy} vs scipy ${expectedEntropy}`).toBe(true);
  expect(closeTo(normalizedEntropy, expectedNormalized), `normalized entropy ${normalizedEntropy} vs ${expectedNormalized}`).toBe(true);
}

describe('label statistics match the reference (labels.json) on both engines', () => {
  const opened: Engine[] = [];

  beforeAll(async () => {
    for (const [, create] of engines) opened.push(await create());
  });

  afterAll(async () => {
    await Promise.all(opened.map((engine) => engine.close()));
  });

  it('covers every statistic on real data and the published examples', () => {
    const names = reference.cases.map((testCase) => testCase.name);
    expect(names).toEqual(expect.arrayContaining(['krippendorff-2011', 'fleiss-wikipedia', 'cohen-wikipedia', 'movies', 'penguins', 'weather', 'crowd']));
  });

  for (const testCase of reference.cases) {
    it(`${testCase.name} (${testCase.fixture})`, async () => {
      const results: Computed[] = [];
      for (const engine of opened) {
        const computed = await compute(engine, testCase);
        const { expected } = testCase;
        if (expected.agreement) expectAgreement(computed.agreement!, expected.agreement);
        if (expected.balance) expectBalance(computed.balance!, expected.balance);
        if (expected.conflicts) expect(computed.conflicts).toEqual(expected.conflicts);
        results.push(computed);
      }
      // Identical on the native and the wasm engine, to the last bit and in the same order.
      expect(results[1]).toEqual(results[0]);
    });
  }
});
