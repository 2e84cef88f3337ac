/**
 * `winnow verify MANIFEST`: re-hashes every input and output file a manifest lists, and looks for
 * files beside the outputs that have an output's name but are not listed (a shard added later).
 */
import { access, readdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { WinnowError } from '../../errors';
import { parseManifest, type FileEntry, type Manifest } from '../../manifest/manifest';
import { matchesOutput } from '../../manifest/output-files';
import { hashFile } from '../sources/hash';
import { relativePosix, resolveFrom } from './paths';

export interface VerifyProblem {
  /** 'input flights', 'output train', 'rejects'. */
  role: string;
  path: string;
  problem: 'changed' | 'missing' | 'extra';
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
  problems.push(...(await extraOutputFiles(manifest, folder)));
  return { checked: files.length, problems };
}

/** Files in the outputs' folders named like an output (any shard count) that the manifest does not list. */
async function extraOutputFiles(manifest: Manifest, folder: string): Promise<VerifyProblem[]> {
  const listed = new Set(manifest.outputs.flatMap((output) => output.files.map((file) => resolveFrom(folder, file.path))));
  const folders = new Set([...listed].map((path) => dirname(path)));
  const problems: VerifyProblem[] = [];
  for (const outputFolder of folders) {
    let names: string[];
    try {
      names = (await readdir(outputFolder)).sort();
    } catch {
      continue;
    }
    for (const name of names) {
      const path = resolveFrom(outputFolder, name);
      if (listed.has(path)) continue;
      const output = manifest.outputs.find((candidate) =>
        matchesOutput(name, { name: candidate.name, format: candidate.format === 'csv' ? 'csv' : 'parquet' }),
      );
      if (!output) continue;
      problems.push({
        role: `output ${output.name}`,
        path: relativePosix(folder, path),
        problem: 'extra',
        detail: 'has the name of an output file but is not in the manifest',
      });
    }
  }
  return problems;
}
