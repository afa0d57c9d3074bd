import { describe, expect, it } from 'vitest';
import { ESLint } from 'eslint';

// The project's own eslint.config.js, exactly as `npm test` runs it.
const eslint = new ESLint({ cwd: process.cwd() });

async function boundaryErrors(code: string, filePath: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

describe('import boundary: coach/ knows no front end', () => {
  const file = 'coach/types.ts';

  it.each([
    ["import { app } from '../bots/slack/app.ts';", 'bots'],
    ["import type { Win } from '../electron/main.ts';", 'electron'],
    ["export { App } from '../renderer/src/App.tsx';", 'renderer'],
    ["import '../../bots/index.ts';", 'bots (side-effect import)'],
    ["const m = await import('../electron/preload.ts'); export default m;", 'electron (dynamic import)'],
  ])('fails the build on %s', async (code) => {
    const errors = await boundaryErrors(code, file);
    expect(errors.length).toBeGreaterThan(0);
    expect(errors[0]).toMatch(/coach\/ is the shared core/);
  });

  it('allows imports inside the core and from packages', async () => {
    expect(await boundaryErrors("import { z } from 'zod';\nimport type { Store } from './store/index.ts';\nexport type X = Store; export const s = z.string();", file)).toEqual([]);
  });

  it('does not restrict front ends importing the core', async () => {
    expect(await boundaryErrors("import type { Incident } from '../coach/types.ts'; export type I = Incident;", 'test/lint/boundary.test.ts')).toEqual([]);
  });
});
