/**
 * Column roles in the workbench (issue 14), as a person sets them: a role chosen in a column's
 * profile shows as a badge in its header, is written to the spec's `columns` block (listed in the
 * pipeline settings), keeps ids out of the Drift tab, and starts the Slices view at the declared label.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './shells';
import { ROOT } from './winnow-server';

const SHOTS = join('test-results', 'screenshots');
mkdirSync(SHOTS, { recursive: true });

async function setRole(page: Page, column: string, role: string) {
  await page.getByRole('button', { name: `Profile of ${column}`, exact: true }).click();
  const panel = page.getByRole('complementary', { name: `Profile of ${column}` });
  await panel.getByRole('combobox', { name: 'Role' }).selectOption(role);
  return panel;
}

const header = (page: Page, column: string) =>
  page.getByRole('columnheader').filter({ has: page.getByRole('button', { name: `Sort by ${column}`, exact: true }) });

test('a role set in a column’s profile is in its header, in the spec, and keeps an id out of drift', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('20,000 rows');

  const panel = await setRole(page, 'id', 'id');
  await expect(panel.getByRole('form', { name: 'Role of id' })).toContainText('In the spec: id');
  await expect(header(page, 'id').locator('.role-badge')).toHaveText('id');
  await setRole(page, 'date', 'timestamp');
  await expect(header(page, 'date').locator('.role-badge')).toHaveText('timestamp');
  await page.screenshot({ path: join(SHOTS, `${winnow.shell}-roles-profile.png`) });

  await page.getByRole('button', { name: 'Pipeline settings' }).click();
  const roles = page.getByRole('table', { name: 'Column roles' });
  await expect(roles.getByRole('row')).toHaveText([/^id\s*id$/, /^timestamp\s*date$/]);
  await page.getByRole('button', { name: 'Close pipeline settings' }).click();

  await page.getByRole('tab', { name: 'Drift' }).click();
  const view = page.getByRole('region', { name: 'Drift', exact: true });
  await view.getByRole('textbox', { name: 'Baseline path or URL' }).fill(join(ROOT, 'examples', 'flights', 'data', 'flights-baseline.parquet'));
  await view.getByRole('button', { name: 'Open baseline' }).click();
  const summary = view.getByRole('status', { name: 'Drift summary' });
  await expect(summary).toContainText('of 4 columns drifted', { timeout: 60_000 });
  await expect(summary).toContainText('id (columns.id: never tested for drift)');
  await expect(summary).toContainText('date (columns.timestamp: never tested for drift)');
  await expect(view.getByRole('table', { name: 'Drift by column' }).getByRole('rowheader', { name: 'id', exact: true })).toHaveCount(0);

  // Taking the role back puts the column back into the comparison.
  await page.getByRole('tab', { name: 'Data' }).click();
  await setRole(page, 'id', '');
  await expect(header(page, 'id').locator('.role-badge')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Drift' }).click();
  await expect(summary).toContainText('of 5 columns drifted', { timeout: 60_000 });
});

test('a declared label and score start the Slices view', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('textbox', { name: 'Path or URL' }).fill(join(ROOT, 'examples', 'penguins', 'data', 'penguins.csv'));
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  await expect(page.getByRole('status', { name: 'Row count' })).toContainText('344 rows');

  await setRole(page, 'sex', 'label');
  await expect(header(page, 'sex').locator('.role-badge')).toHaveText('label');
  // A score waits for the class it is the probability of.
  const panel = await setRole(page, 'beak_depth_mm', 'score');
  await panel.getByRole('button', { name: 'Set' }).click();
  await expect(panel.getByRole('alert')).toContainText('positive class');
  await panel.getByRole('textbox', { name: 'Positive class' }).fill('MALE');
  await panel.getByRole('button', { name: 'Set' }).click();
  await expect(header(page, 'beak_depth_mm').locator('.role-badge')).toHaveText('score · MALE');

  await page.getByRole('tab', { name: 'Slices' }).click();
  const view = page.getByRole('region', { name: 'Slices', exact: true });
  await expect(view.getByRole('combobox', { name: 'Label' })).toHaveValue('sex');
  await expect(view.getByRole('combobox', { name: 'Positive class' })).toHaveValue('MALE');
});
