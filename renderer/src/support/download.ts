// Saves JSON as a file the person downloads (the audit export), without leaving the page.
import { downloadText } from '../common/download.ts';

export function downloadJson(filename: string, data: unknown): void {
  downloadText(filename, JSON.stringify(data, null, 2) + '\n', 'application/json');
}
