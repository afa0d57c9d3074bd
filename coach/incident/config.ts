// The coach's knobs. Every one has a default; docs/edge-rules.md says what each changes.
import { z } from 'zod';
import { defaultPolicyConfig, type PolicyConfig } from '../edge/index.ts';
import { CodedError } from '../types.ts';

export interface CoachConfig extends PolicyConfig {
  /** How many earlier turns the policy sees when deciding not to repeat itself. */
  turnHistory: number;
}

export const defaultCoachConfig: CoachConfig = { ...defaultPolicyConfig, turnHistory: 500 };

const minutes = z.number().positive().max(7 * 24 * 60);
export const coachConfigSchema = z.object({
  stuckAfterMinutes: minutes.describe('G3: quiet minutes on the first open step before a stuck nudge'),
  rollbackWindowMinutes: minutes.describe('E2: a deploy this close before an alert is a rollback candidate'),
  reaskAfterMinutes: minutes.describe('E2/G4: minutes before an unanswered question may come again'),
  crossCheckToleranceMinutes: z.number().min(0).max(60).describe('G5: stated vs recorded time difference to ask about'),
  maxMissingStepsPerEvent: z.number().int().min(1).max(10).describe('E2: process questions per event at most'),
  turnHistory: z.number().int().min(10).max(10_000).describe('Earlier turns the policy sees'),
}).partial().strict();

/** Defaults overlaid with what was given; an unknown or out-of-range knob is an error naming it. */
export function resolveCoachConfig(given: unknown = {}): CoachConfig {
  const r = coachConfigSchema.safeParse(given ?? {});
  if (!r.success) {
    const [issue] = r.error.issues;
    throw new CodedError('coach_config_invalid',
      `Coach setting ${issue?.path.join('.') || '(unknown)'}: ${issue?.message ?? 'invalid'}. Fix it or leave it out to use the default.`);
  }
  return { ...defaultCoachConfig, ...r.data };
}
