// The desktop app's own settings (settings.json in userData): which server to use, window behaviour,
// the shortcut. Validated on read; a broken file is reported, not silently replaced, because it may
// hold the team server URL the person typed.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import { CodedError } from '../coach/types.ts';

export const DEFAULT_SHORTCUT = 'CommandOrControl+Shift+M';

/** Electron accelerator syntax: modifiers and one key joined by '+'. */
const Accelerator = z.string().regex(
  /^((CommandOrControl|CmdOrCtrl|Command|Cmd|Control|Ctrl|Alt|Option|AltGr|Shift|Super|Meta)\+)+([A-Z0-9]|F([1-9]|1[0-9]|2[0-4])|Space|Tab|Backspace|Delete|Insert|Return|Enter|Up|Down|Left|Right|Home|End|PageUp|PageDown|Escape|Esc|Plus|[`\-=[\];',./])$/,
  'a shortcut like CommandOrControl+Shift+M',
);

const HttpUrl = z.string().url().refine((u) => /^https?:\/\//i.test(u), 'an http:// or https:// URL');

export const SettingsSchema = z.object({
  /** Team server to connect to; null runs the embedded server (solo mode). */
  serverUrl: HttpUrl.nullable().default(null),
  alwaysOnTop: z.boolean().default(false),
  shortcut: Accelerator.default(DEFAULT_SHORTCUT),
  notifications: z.boolean().default(true),
});

export type Settings = z.infer<typeof SettingsSchema>;

export function defaultSettings(): Settings {
  return SettingsSchema.parse({});
}

export function loadSettings(file: string): Settings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return defaultSettings();
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new CodedError('settings_invalid', `${file} is not valid JSON. Fix it or delete it to start from the defaults.`);
  }
  const parsed = SettingsSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue?.path.join('.') || 'settings';
    throw new CodedError('settings_invalid', `${file}: "${where}" should be ${issue?.message ?? 'valid'}. Fix it or delete the file to start from the defaults.`);
  }
  return parsed.data;
}

export function saveSettings(file: string, settings: Settings): void {
  const valid = SettingsSchema.parse(settings);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(`${file}.tmp`, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
}
