// Reads one YAML file of the workspace: a parse error names the file and the first line of the reason.
import { parse } from 'yaml';
import { CodedError } from '../types.ts';

export function readYaml(text: string, source: string): unknown {
  try {
    return parse(text) ?? {};
  } catch (e) {
    throw new CodedError('workspace_invalid', `${source}: not valid YAML (${e instanceof Error ? e.message.split('\n')[0] : String(e)}).`, 400, { file: source });
  }
}
