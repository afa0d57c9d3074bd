// The Alertmanager webhook (payload version 4), validated, and turned into one AlertData per alert.
import { z } from 'zod';
import type { AlertData } from '../types.ts';

const labels = z.record(z.string(), z.string());
const time = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'Expected an RFC 3339 time');

export const alertmanagerAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels,
  annotations: labels.default({}),
  startsAt: time,
  endsAt: z.string().optional(),
  generatorURL: z.string().optional(),
  fingerprint: z.string().min(1).optional(),
});

export const alertmanagerPayload = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string(),
  truncatedAlerts: z.number().int().nonnegative().optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string(),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: labels,
  externalURL: z.string(),
  alerts: z.array(alertmanagerAlert).min(1).max(1000),
});

export type AlertmanagerPayload = z.infer<typeof alertmanagerPayload>;
export type AlertmanagerAlert = z.infer<typeof alertmanagerAlert>;

/** Alertmanager's "zero time" for an alert that has not ended. */
const ZERO_TIME = /^0001-01-01T/;

function iso(s: string): string {
  return new Date(s).toISOString();
}

export function toAlertData(a: AlertmanagerAlert): AlertData {
  const ended = a.endsAt && !ZERO_TIME.test(a.endsAt) && !Number.isNaN(Date.parse(a.endsAt)) ? iso(a.endsAt) : null;
  return {
    name: a.labels.alertname ?? 'unnamed alert',
    service: serviceFromLabels(a.labels),
    startsAt: iso(a.startsAt),
    endsAt: a.status === 'resolved' ? ended : null,
    fingerprint: a.fingerprint ?? null,
    labels: a.labels,
    annotations: a.annotations,
    generatorURL: a.generatorURL ?? null,
  };
}

/** The service an alert is about: label `service`, else `job`, else `app`; null when none is set. */
export function serviceFromLabels(labels: Record<string, string>): string | null {
  for (const key of ['service', 'job', 'app']) {
    const v = labels[key]?.trim();
    if (v) return v;
  }
  return null;
}
