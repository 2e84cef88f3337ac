/** The import boundaries between top-level folders hold: the lint rule catches a crossing. */
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function messagesFor(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.message);
}

describe('import boundaries', () => {
  it('pipelines/ may not import renderer/ or electron/', async () => {
    expect(await messagesFor('pipelines/steps/x.ts', "import { a } from '../../renderer/app';\nexport const b = a;\n")).toEqual([
      expect.stringContaining('pipelines/ is the core'),
    ]);
    expect(await messagesFor('pipelines/x.ts', "import { app } from 'electron';\nexport const b = app;\n")).toEqual([
      expect.stringContaining('pipelines/ is the core'),
    ]);
  });

  it('pipelines/ may import within itself', async () => {
    expect(await messagesFor('pipelines/steps/x.ts', "import { ident } from '../sql';\nexport const b = ident;\n")).toEqual([]);
  });

  it('renderer/ may not import electron/ or the runner', async () => {
    expect(await messagesFor('renderer/x.ts', "import { main } from '../pipelines/node/cli/cli';\nexport const b = main;\n")).toEqual([
      expect.stringContaining('renderer/ talks to the host'),
    ]);
  });
});
