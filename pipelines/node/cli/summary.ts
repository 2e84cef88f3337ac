/** The readable summary `winnow run` prints: one line per step, then the row counts and files. */
import type { Manifest } from '../../manifest/manifest';
import { alignTable } from './format';

const statusMark: Record<string, string> = {
  passed: 'ok',
  done: 'ok',
  warned: 'WARN',
  rejected: 'REJECT',
  failed: 'FAIL',
  not_evaluated: 'NOT EVALUATED',
  skipped: 'skip',
};

function percent(fraction: number | null): string {
  return fraction === null ? '' : `${(fraction * 100).toFixed(fraction > 0 && fraction < 0.001 ? 3 : 1)}%`;
}

export function formatSummary(manifest: Manifest, manifestPath: string): string {
  const rows = [['step', 'kind', 'status', 'rows in', 'rows out', 'unexpected', '%', 'rejected', 'dropped']];
  for (const step of manifest.steps) {
    rows.push([
      step.id,
      step.kind,
      statusMark[step.status] ?? step.status,
      String(step.rowsIn),
      String(step.rowsOut),
      step.unexpectedCount === null ? '' : String(step.unexpectedCount),
      percent(step.unexpectedFraction),
      step.rejected ? String(step.rejected) : '',
      step.dropped ? String(step.dropped) : '',
    ]);
  }
  const { read, kept, rejected, dropped } = manifest.rowCounts;
  const lines = [
    `${manifest.spec.name}: ${manifest.status.toUpperCase()}`,
    '',
    alignTable(rows, { rightAligned: (column) => column >= 3 }).join('\n'),
    ...manifest.steps.flatMap((step) => (step.warnings ?? []).map((warning) => `warning: step "${step.id}": ${warning}`)),
    ...manifest.steps.flatMap((step) =>
      step.status === 'not_evaluated' ? [`not evaluated: step "${step.id}": ${step.reason} (${step.failsRun ? 'fails the run' : 'a warning'})`] : [],
    ),
    '',
    `rows: read ${read} = kept ${kept} + rejected ${rejected} + dropped ${dropped}`,
  ];
  for (const gate of manifest.gates) {
    lines.push(`gate ${gate.gate}: ${gate.passed ? 'ok' : 'FAILED'} (observed ${gate.observed}, limit ${gate.limit})`);
  }
  for (const output of manifest.outputs) {
    lines.push(`output ${output.name}: ${output.rows} rows in ${output.files.length} file(s)${output.files.length === 1 ? ` (${output.files[0]!.path})` : ''}`);
  }
  if (manifest.status === 'failed') {
    lines.push('', ...manifest.failures.map((failure) => `failed: ${failure}`), 'no output files were written');
  }
  lines.push(`manifest: ${manifestPath}`);
  return lines.join('\n');
}
