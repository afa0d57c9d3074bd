// The shapes of learning notes (CONTRACTS §7) and enhancement suggestions (H2–H5) as the page reads
// them, checked where they enter. Loose objects: the server may add fields.
import { z } from 'zod';

export const learningNoteSchema = z.looseObject({
  id: z.number(),
  incidentId: z.number(),
  version: z.number(),
  state: z.enum(['draft', 'published']),
  markdown: z.string(),
  engine: z.string(),
  fallback: z.string().nullish(),
  questions: z.array(z.looseObject({ question: z.string(), answer: z.string() })).default([]),
  sources: z.looseObject({ queries: z.array(z.unknown()).default([]), actions: z.array(z.unknown()).default([]) }).default({ queries: [], actions: [] }),
  publishedBy: z.string().nullish(),
  publishedAt: z.string().nullish(),
});
export type LearningNote = z.infer<typeof learningNoteSchema>;

export const suggestionSchema = z.looseObject({
  id: z.number(),
  kind: z.string(),
  state: z.enum(['offered', 'accepted', 'dismissed']),
  incidentId: z.number().nullish(),
  person: z.string().optional(),
  key: z.string().optional(),
  body: z.record(z.string(), z.unknown()).optional(),
});
export type Suggestion = z.infer<typeof suggestionSchema>;

export const learningChangeSchema = z.looseObject({ type: z.literal('learning_note'), incidentId: z.number(), note: learningNoteSchema });
export const suggestionChangeSchema = z.looseObject({ type: z.literal('suggestion'), incidentId: z.number().nullish(), suggestion: suggestionSchema });
export type LearningChange = z.infer<typeof learningChangeSchema>;
export type SuggestionChange = z.infer<typeof suggestionChangeSchema>;

export const asLearningNote = (v: unknown): LearningNote => z.object({ note: learningNoteSchema }).parse(v).note;
export const asSuggestion = (v: unknown): Suggestion => z.object({ suggestion: suggestionSchema }).parse(v).suggestion;
export const asSuggestions = (v: unknown): Suggestion[] => z.object({ suggestions: z.array(suggestionSchema) }).parse(v).suggestions;
