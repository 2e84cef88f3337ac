/** `winnow verify MANIFEST`: re-hashes every input and output file a manifest lists. */
import { access, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WinnowError } from '../errors';
import { parseManifest, type FileEntry } from '../manifest/manifest';
import { hashFile } from './hash';
import { resolveFrom } from './paths';

export interface VerifyProblem {
  /** 'input flights', 'output train', 'rejects'. */
  role: string;
  path: string;
  problem: 'changed' | 'missing';
  detail?: string;
}

export interface VerifyOutcome {
  checked: number;
  problems: VerifyProblem[];
}

export async function verifyManifest(manifestPath: string): Promise<VerifyOutcome> {
  let text: string;
  try {
    text = await readFile(manifestPath, 'utf8');
  } catch {
    throw new WinnowError('cannot read the manifest', { file: manifestPath }, 'input');
  }
  let manifest;
  try {
    manifest = parseManifest(text, manifestPath);
  } catch (error) {
    throw new WinnowError((error as Error).message, {}, 'input');
  }
  const folder = dirname(manifestPath);
  const files: { role: string; file: FileEntry }[] = [
    ...manifest.inputs.flatMap((input) => input.files.map((file) => ({ role: `input ${input.source}`, file }))),
    ...manifest.outputs.flatMap((output) => output.files.map((file) => ({ role: `output ${output.name}`, file }))),
    ...(manifest.rejects?.path ? [{ role: 'rejects', file: { path: manifest.rejects.path, sha256: manifest.rejects.sha256, bytes: -1 } }] : []),
  ];
  const problems: VerifyProblem[] = [];
  for (const { role, file } of files) {
    const path = resolveFrom(folder, file.path);
    try {
      await access(path);
    } catch {
      problems.push({ role, path: file.path, problem: 'missing' });
      continue;
    }
    const actual = await hashFile(path);
    if (actual.sha256 !== file.sha256) {
      problems.push({ role, path: file.path, problem: 'changed', detail: `sha256 is ${actual.sha256}, manifest says ${file.sha256}` });
    }
  }
  return { checked: files.length, problems };
}
