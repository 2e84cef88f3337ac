/**
 * "Export pipeline": the spec (YAML) and a snapshot manifest that pins every input by size and
 * sha256 into one folder, and the exact command that runs it headlessly and proves the inputs
 * are still the ones pinned (`winnow run pipeline.winnow.yaml --snapshot snapshot.json`).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ExportResult } from '../../pipelines/protocol/host';
import { MANIFEST_VERSION, type InputEntry } from '../../pipelines/manifest/manifest';
import { sha256Text } from '../../pipelines/runner/hash';
import { inputFileEntry, resolveSources } from '../../pipelines/runner/run';
import { TOOL_VERSION } from '../../pipelines/runner/version';
import { canonicalJson, parseSpec } from '../../pipelines/spec/parse';
import { writeFileAtomic } from './atomic-write';

export const SPEC_FILE = 'pipeline.winnow.yaml';
export const SNAPSHOT_FILE = 'snapshot.json';

export async function exportPipeline(folder: string, specYaml: string): Promise<ExportResult> {
  await mkdir(folder, { recursive: true });
  const specPath = join(folder, SPEC_FILE);
  const spec = parseSpec(specYaml, specPath);
  await writeFileAtomic(specPath, specYaml);
  const sources = await resolveSources(spec, specPath);
  const inputs: InputEntry[] = await Promise.all(
    sources.map(async (source) => ({
      source: source.name,
      uri: source.uri,
      format: source.format,
      rows: null,
      schema: [],
      files: await Promise.all(source.files.map((file, index) => inputFileEntry(folder, file, source.remote?.[index]))),
    })),
  );
  const now = new Date().toISOString();
  const snapshot = {
    manifestVersion: MANIFEST_VERSION,
    kind: 'snapshot',
    tool: { name: 'winnow', version: TOOL_VERSION },
    spec: { path: SPEC_FILE, name: spec.name, sha256: sha256Text(canonicalJson(spec)) },
    createdAt: now,
    inputs,
    outputs: [],
    steps: [],
  };
  const snapshotPath = join(folder, SNAPSHOT_FILE);
  await writeFileAtomic(snapshotPath, JSON.stringify(snapshot, null, 2) + '\n');
  return {
    folder,
    specPath,
    snapshotPath,
    command: `npx winnow run ${SPEC_FILE} --snapshot ${SNAPSHOT_FILE} --out out`,
    inputs: inputs.map((input) => ({ source: input.source, files: input.files.length, bytes: input.files.reduce((sum, file) => sum + file.bytes, 0) })),
  };
}
