// The SQL of memory digests (migration 9 and coach/store/memory-digests.ts), with no imports: migrations read it.

/** The action kinds team memory ranks; only these are in a digest. */
export const DIGEST_KIND_LIST = ['query_run', 'link_opened', 'note', 'plan', 'demo_stop'] as const;
export const DIGEST_KINDS = DIGEST_KIND_LIST.map((k) => `'${k}'`).join(', ');

/** A payload's text field, in SQL; NULL when the payload is not JSON or the field is not a string. */
const field = (row: string, f: string): string =>
  `CASE WHEN json_valid(${row}.payload) AND json_type(${row}.payload, '$.${f}') = 'text' THEN ${row}.payload ->> '$.${f}' END`;

/** What ranking reads of an action, in SQL: its link's URL, or the query it ran (its text when the payload has none). */
export const DIGEST_EXTRA = (row: string): string =>
  `CASE ${row}.kind WHEN 'link_opened' THEN ${field(row, 'url')} WHEN 'query_run' THEN coalesce(${field(row, 'query')}, ${row}.text) END`;

/** One digest item as a JSON array, in SQL: [id, actor, at, kind, step, text, url or query]. */
export const DIGEST_ITEM = (row: string): string =>
  `json_array(${row}.id, ${row}.actor, ${row}.at, ${row}.kind, ${row}.step, ${row}.text, ${DIGEST_EXTRA(row)})`;

export type DigestItem = [id: number, actor: string, at: string, kind: string, step: number | null, text: string, extra: string | null];

/** The kinds whose reuse is counted: the same query run, or the same link opened, again. */
export const REUSE_KINDS = `'query_run', 'link_opened'`;

/** Reuse counts built afresh from the action log (migration 9, and after a bulk load that bypassed the triggers). */
export const REBUILD_REUSE = `
  DELETE FROM reuse_people; DELETE FROM reuse_counts;
  INSERT INTO reuse_people (kind, text, actor, runs) SELECT kind, text, actor, count(*) FROM actions INDEXED BY actions_reuse
    WHERE kind IN (${REUSE_KINDS}) GROUP BY kind, text, actor;
  INSERT INTO reuse_counts (kind, text, incidents, people) SELECT kind, text, count(DISTINCT incident_id), count(DISTINCT actor)
    FROM actions INDEXED BY actions_reuse WHERE kind IN (${REUSE_KINDS}) GROUP BY kind, text;`;

/** In SQL: the digest (a JSON array of items, oldest first) of the incident whose id `incident` holds. */
export const DIGEST_OF = (incident: string): string => `coalesce((SELECT json_group_array(json(item)) FROM
    (SELECT ${DIGEST_ITEM('a')} AS item FROM actions a WHERE a.incident_id = ${incident} AND a.kind IN (${DIGEST_KINDS}) ORDER BY a.id)), '[]')`;

/** Every resolved incident's digest built afresh from the action log. */
export const REBUILD_DIGESTS = `
  DELETE FROM memory_digests;
  INSERT INTO memory_digests (incident_id, items) SELECT i.id, ${DIGEST_OF('i.id')} FROM incidents i WHERE i.status = 'resolved';`;

/** Trigger statements: one run of `row` ('new' or 'old') counted in, or out, of its text's reuse. */
const sameRuns = (row: string): string =>
  `FROM actions INDEXED BY actions_reuse WHERE kind IN (${REUSE_KINDS}) AND kind = ${row}.kind AND text = ${row}.text`;
export const REUSE_IN = (guardIncident = '1', guardPerson = '1'): string => `
  INSERT INTO reuse_counts (kind, text, incidents, people) SELECT new.kind, new.text, 0, 0 WHERE new.kind IN (${REUSE_KINDS}) ON CONFLICT DO NOTHING;
  UPDATE reuse_counts SET
    incidents = incidents + (${guardIncident} AND new.incident_id IS NOT NULL
      AND (SELECT count(*) FROM (SELECT 1 ${sameRuns('new')} AND incident_id = new.incident_id LIMIT 2)) = 1),
    people = people + (${guardPerson} AND NOT EXISTS (SELECT 1 FROM reuse_people WHERE kind = new.kind AND text = new.text AND actor = new.actor))
  WHERE new.kind IN (${REUSE_KINDS}) AND kind = new.kind AND text = new.text;
  INSERT INTO reuse_people (kind, text, actor, runs) SELECT new.kind, new.text, new.actor, 1 WHERE new.kind IN (${REUSE_KINDS})
    ON CONFLICT DO UPDATE SET runs = runs + 1;`;
export const REUSE_OUT = (guardIncident = '1', guardPerson = '1', tidy = true): string => `
  UPDATE reuse_counts SET
    incidents = incidents - (${guardIncident} AND old.incident_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 ${sameRuns('old')} AND incident_id = old.incident_id)),
    people = people - (${guardPerson} AND (SELECT runs FROM reuse_people WHERE kind = old.kind AND text = old.text AND actor = old.actor) = 1)
  WHERE old.kind IN (${REUSE_KINDS}) AND kind = old.kind AND text = old.text;
  UPDATE reuse_people SET runs = runs - 1 WHERE old.kind IN (${REUSE_KINDS}) AND kind = old.kind AND text = old.text AND actor = old.actor;
  DELETE FROM reuse_people WHERE old.kind IN (${REUSE_KINDS}) AND kind = old.kind AND text = old.text AND actor = old.actor AND runs <= 0;
  ${tidy ? REUSE_TIDY : ''}`;
/** A text nobody runs any more has no counts row. */
export const REUSE_TIDY = `DELETE FROM reuse_counts WHERE old.kind IN (${REUSE_KINDS}) AND kind = old.kind AND text = old.text
    AND NOT EXISTS (SELECT 1 FROM reuse_people WHERE kind = old.kind AND text = old.text);`;

/** A query run that names the question it was run for (migration 10's partial index, and its readers). */
export const TAUGHT = `CASE WHEN json_valid(payload) THEN json_type(payload, '$.question') END = 'text'`;
