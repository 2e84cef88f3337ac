/**
 * `npm run pack:runner -- --sea`: the runner as a Node single executable, unpacked in an empty
 * folder and run with an empty `PATH`: no Node on the host at all (testing/runner-artifact-suite.ts).
 * Packing takes about 35 s here (it copies and patches Node's binary); allow up to 5 minutes.
 */
import { describe } from 'vitest';
import { testRunnerArtifact } from '../../testing/runner-artifact-suite';
import { packRunner } from './runner-artifact';

describe.skipIf(process.platform !== 'linux')('the runner as a single executable', () => {
  testRunnerArtifact({ pack: (options) => packRunner({ ...options, sea: true }), pathHoldsNode: false, installedAs: 'runner-executable' });
});
