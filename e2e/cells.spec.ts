/**
 * Editing cells as a person does: reorder by keyboard, disable, duplicate, delete and undo;
 * validation messages as you type; the SQL toggle; and a saved project's spec file and the
 * cells staying in step both ways.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './shells';

async function addStep(page: Page, search: string, kind: string): Promise<void> {
  await page.getByRole('button', { name: 'Add step' }).click();
  await page.getByRole('textbox', { name: 'Search steps' }).fill(search);
  await page.getByRole('button', { name: kind }).click();
}

function cellIds(page: Page) {
  return page.getByRole('article', { name: /^Step / }).evaluateAll((cells) => cells.map((cell) => cell.getAttribute('aria-label')!.slice(5)));
}

test('reorder, disable, duplicate, delete and undo cells; validation and SQL', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await addStep(page, 'not null', 'Add check not_null');
  await addStep(page, 'between', 'Add check between');
  await page.getByRole('combobox', { name: 'between column' }).selectOption('distance');
  await page.getByRole('textbox', { name: 'between max' }).fill('2000');
  expect(await cellIds(page)).toEqual(['not_null', 'between']);

  await page.getByRole('combobox', { name: 'between column' }).focus();
  await page.keyboard.press('Alt+ArrowUp');
  await expect.poll(() => cellIds(page)).toEqual(['between', 'not_null']);

  await page.getByRole('button', { name: 'Duplicate between' }).click();
  await expect.poll(() => cellIds(page)).toEqual(['between', 'between_2', 'not_null']);
  await page.getByRole('button', { name: 'Delete between_2' }).click();
  await expect.poll(() => cellIds(page)).toEqual(['between', 'not_null']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect.poll(() => cellIds(page)).toEqual(['between', 'between_2', 'not_null']);

  await page.getByRole('checkbox', { name: 'Enable between_2' }).uncheck();
  await expect(page.getByLabel('Status of between_2')).toHaveText('off');

  await page.getByRole('textbox', { name: 'between max' }).fill('');
  await expect(page.getByRole('article', { name: 'Step between' }).getByRole('alert')).toContainText('expected "min" or "max"');
  await page.getByRole('textbox', { name: 'between max' }).fill('2000');
  await expect(page.getByLabel('Status of between', { exact: true })).toHaveText(/warn|pass/);

  await page.getByRole('button', { name: 'SQL of between', exact: true }).click();
  await expect(page.getByLabel('SQL of step between')).toContainText('"distance" <= 2000');
});

test('a saved project’s spec file and the cells stay in step both ways', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await addStep(page, 'not null', 'Add check not_null');
  const folder = mkdtempSync(join(tmpdir(), 'winnow-sync-'));
  await page.getByRole('button', { name: 'Project' }).click();
  await page.getByRole('textbox', { name: 'Save to folder' }).fill(folder);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved to' })).toBeVisible();
  await page.getByRole('button', { name: 'Close project panel' }).click();

  await addStep(page, 'regex', 'Add check regex');
  await page.getByRole('combobox', { name: 'regex column' }).selectOption('origin');
  await page.getByRole('textbox', { name: 'regex pattern' }).fill('^[A-Z]+$');
  const specPath = join(folder, 'pipeline.winnow.yaml');
  await expect.poll(() => readFileSync(specPath, 'utf8'), { timeout: 10_000 }).toContain('pattern: ^[A-Z]+$');

  const edited = readFileSync(specPath, 'utf8').replace('steps:\n', 'steps:\n  - { id: from_disk, check: row_count_between, min: 1 }\n');
  writeFileSync(specPath, edited);
  await expect(page.getByRole('article', { name: 'Step from_disk' })).toBeVisible({ timeout: 10_000 });
  await expect(page.getByLabel('Status of from_disk')).toHaveText('pass');
});

test('a step that cannot run shows why at its field, earlier steps keep their results and later ones wait; drag reorders; typing is one undo step', async ({
  winnow,
}) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await addStep(page, 'not null', 'Add check not_null');
  await addStep(page, 'derive', 'Add transform derive');
  await page.getByRole('textbox', { name: 'derive column' }).fill('delay_hours');
  await page.getByRole('textbox', { name: 'derive expr' }).fill('delya / 60');
  await addStep(page, 'between', 'Add check between');
  await page.getByRole('textbox', { name: 'between max' }).fill('2000');

  const derive = page.getByRole('article', { name: 'Step derive' });
  await expect(derive.getByRole('alert')).toHaveText('no column "delya" here (did you mean "delay"?)');
  await expect(derive.locator('.field.invalid')).toContainText('expr');
  await expect(page.getByLabel('Status of derive')).toHaveText('error');
  await expect(page.getByLabel('Status of not_null')).toHaveText(/pass|warn/);
  await expect(page.getByRole('article', { name: 'Step not_null' }).getByLabel('Unexpected in not_null')).toBeVisible();
  await expect(page.getByLabel('Status of between', { exact: true })).toHaveText('waits');
  await expect(page.getByRole('article', { name: 'Step between' })).toContainText('Waits on step “derive”');
  await expect(page.getByRole('status', { name: 'Pipeline result' })).toContainText('stopped at step “derive”');
  await page.screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-cells-error-at-step.png`) });

  // Clearing the field and typing a new expression key by key is one undo step.
  await page.getByRole('textbox', { name: 'derive expr' }).fill('');
  await page.getByRole('textbox', { name: 'derive expr' }).pressSequentially('delay / 60');
  await expect(page.getByLabel('Status of between', { exact: true })).toHaveText(/pass|warn/);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('textbox', { name: 'derive expr' })).toHaveValue('delya / 60');
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect(page.getByRole('textbox', { name: 'derive expr' })).toHaveValue('delay / 60');

  await page.getByRole('textbox', { name: 'between min' }).fill('2500');
  await expect(page.getByRole('article', { name: 'Step between' }).getByRole('alert')).toContainText('is below min');

  await page
    .getByRole('article', { name: 'Step between' })
    .locator('.drag-handle')
    .dragTo(page.getByRole('article', { name: 'Step not_null' }));
  await expect.poll(() => cellIds(page)).toEqual(['between', 'not_null', 'derive']);
  // A fragment that tries to leave its expression is refused at its field, in the app as in the runner.
  await addStep(page, 'filter', 'Add transform filter');
  await page.getByRole('textbox', { name: 'filter where' }).fill("TRUE); COPY (SELECT 1) TO '/tmp/x.csv'; SELECT (TRUE");
  await expect(page.getByRole('article', { name: 'Step filter' }).getByRole('alert')).toContainText('not one SQL expression');
});

test('a check with nothing to measure shows “not evaluated”, with its reason, apart from pass and fail', async ({ winnow }) => {
  const { page } = winnow;
  await winnow.open();
  await page.getByRole('button', { name: 'Open sample dataset' }).click();
  await addStep(page, 'filter', 'Add transform filter');
  await page.getByRole('textbox', { name: 'filter where' }).fill('distance < 0');
  await addStep(page, 'iqr', 'Add check iqr_outliers');
  await page.getByRole('combobox', { name: 'iqr_outliers column' }).selectOption('distance');
  await expect(page.getByLabel('Status of iqr_outliers')).toHaveText('not evaluated');
  await expect(page.getByLabel('Not evaluated: iqr_outliers')).toHaveText('Nothing to measure: no finite value in "distance". A warning: the run goes on.');
  await expect(page.getByRole('article', { name: 'Step iqr_outliers' })).toHaveClass(/status-not_evaluated/);
  await page
    .getByRole('article', { name: 'Step iqr_outliers' })
    .screenshot({ path: join('test-results', 'screenshots', `${winnow.shell}-cells-not-evaluated.png`) });
});
