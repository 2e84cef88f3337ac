import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { generatedArtifacts } from './spec-artifacts';

it.each(Object.entries(generatedArtifacts()))('%s is current (run `npm run schema` after changing a step)', (path, text) => {
  expect(readFileSync(new URL(`../${path}`, import.meta.url), 'utf8')).toBe(text);
});
