#!/usr/bin/env node
// Entry for `npx mentat`: registers tsx so the TypeScript sources run as they are, then hands over to the CLI.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../coach/cli/main.ts');
await run();
