/**
 * `npm run pack:runner`: the tarball, unpacked in an empty folder and run with `PATH` holding only
 * `node` (testing/runner-artifact-suite.ts). Packing takes about 20 s here; allow up to 5 minutes.
 */
import { describe } from 'vitest';
import { testRunnerArtifact } from '../../testing/runner-artifact-suite';
import { packRunner } from './runner-artifact';

describe.skipIf(process.platform !== 'linux')('the runner tarball', () => {
  testRunnerArtifact({ pack: (options) => packRunner(options), pathHoldsNode: true, installedAs: 'runner-artifact' });
});
