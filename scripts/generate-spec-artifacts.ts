/**
 * Writes the files generated from the step registry: the spec's JSON Schema (for editors) and
 * the precompiled validators (for the parser, in Node and in the app). `npm run schema` runs it
 * after a step kind's parameters change; a test fails while either file is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generatedArtifacts } from './spec-artifacts';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const [path, text] of Object.entries(generatedArtifacts())) writeFileSync(root + path, text);
