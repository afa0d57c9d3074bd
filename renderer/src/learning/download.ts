// The learning note's export: its markdown, under a file name that says which incident and version.
export { downloadText } from '../common/download.ts';

export function noteFilename(incidentKey: string, version: number): string {
  return `${incidentKey.replace(/[^\w.-]+/g, '-')}-learning-note-v${version}.md`;
}
