import { expect, it } from 'vitest';
import { parseSpec } from '../pipelines/spec/parse';
import { specToYaml } from './spec-yaml-kit';

it('writes a spec as YAML that parses back to the same spec, short steps one per line', () => {
  const spec = parseSpec(
    JSON.stringify({
      gates: { max_reject_fraction: 0.05 },
      steps: [
        { id: 'delay', check: 'not_null', column: 'delay', mostly: 0.99, on_fail: 'reject' },
        { id: 'split', transform: 'split', method: 'hash', key: ['id'], fractions: { train: 0.8, valid: 0.1, test: 0.1 } },
      ],
      sources: { flights: { uri: 'data/flights.csv' } },
      name: 'flights',
      version: 1,
      seed: 7,
      outputs: [{ name: 'train', from: 'split.train', shards: 4 }],
    }),
    'in.json',
  );
  const yaml = specToYaml(spec);
  expect(yaml.split('\n').slice(0, 3)).toEqual(['version: 1', 'name: flights', 'seed: 7']);
  expect(yaml).toContain('  - { id: delay, check: not_null, column: delay, mostly: 0.99, on_fail: reject }');
  expect(parseSpec(yaml, 'out.yaml')).toEqual(spec);
});
