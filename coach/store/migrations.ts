// Versioned schema. Append new migrations; never edit one that has shipped.
import type { Db } from './db.ts';
import { DIGEST_ITEM, DIGEST_KINDS, DIGEST_OF, REBUILD_DIGESTS, REBUILD_REUSE, REUSE_IN, REUSE_OUT, REUSE_TIDY, TAUGHT } from './memory-digest-sql.ts';
import { QueryRunRepo } from './query-runs.ts';
export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Work SQL cannot do (derived columns worked out in the application), in the migration's transaction. */
  after?: (db: Db) => void;
}

export const migrations: Migration[] = [
  {
    version: 1,
    name: 'incidents, timeline, plans, notes, actions, turns',
    sql: `
      CREATE TABLE incidents (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        service TEXT,
        severity TEXT NOT NULL CHECK (severity IN ('SEV1','SEV2','SEV3','SEV4')),
        status TEXT NOT NULL CHECK (status IN ('open','acknowledged','mitigated','resolved')),
        fingerprint TEXT,
        opened_at TEXT NOT NULL,
        opened_by TEXT NOT NULL,
        resolved_at TEXT,
        channel TEXT
      );
      CREATE INDEX incidents_open_service ON incidents(service) WHERE status <> 'resolved';
      CREATE INDEX incidents_fingerprint ON incidents(fingerprint);

      CREATE TABLE timeline_events (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        summary TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        dedupe_key TEXT,
        UNIQUE (incident_id, dedupe_key)
      );
      CREATE INDEX timeline_by_incident ON timeline_events(incident_id, at);

      CREATE TABLE plans (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        author TEXT NOT NULL,
        created_at TEXT NOT NULL,
        text TEXT NOT NULL
      );
      CREATE INDEX plans_by_incident ON plans(incident_id, id);

      CREATE TABLE plan_steps (
        plan_id INTEGER NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
        n INTEGER NOT NULL,
        text TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('open','done','dropped')),
        updated_at TEXT NOT NULL,
        PRIMARY KEY (plan_id, n)
      );

      CREATE TABLE notes (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        author TEXT NOT NULL,
        at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        text TEXT NOT NULL,
        pinned INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX notes_by_incident ON notes(incident_id, id);

      CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER REFERENCES incidents(id) ON DELETE SET NULL,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        kind TEXT NOT NULL,
        step INTEGER,
        text TEXT NOT NULL DEFAULT '',
        payload TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX actions_by_incident ON actions(incident_id, at);
      CREATE INDEX actions_by_actor ON actions(actor, at);

      CREATE VIRTUAL TABLE actions_fts USING fts5(
        text, kind UNINDEXED, actor UNINDEXED,
        content='actions', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
      );
      CREATE TRIGGER actions_ai AFTER INSERT ON actions BEGIN
        INSERT INTO actions_fts(rowid, text, kind, actor) VALUES (new.id, new.text, new.kind, new.actor);
      END;
      CREATE TRIGGER actions_ad AFTER DELETE ON actions BEGIN
        INSERT INTO actions_fts(actions_fts, rowid, text, kind, actor) VALUES ('delete', old.id, old.text, old.kind, old.actor);
      END;
      CREATE TRIGGER actions_au AFTER UPDATE ON actions BEGIN
        INSERT INTO actions_fts(actions_fts, rowid, text, kind, actor) VALUES ('delete', old.id, old.text, old.kind, old.actor);
        INSERT INTO actions_fts(rowid, text, kind, actor) VALUES (new.id, new.text, new.kind, new.actor);
      END;

      CREATE TABLE turns (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        phase TEXT NOT NULL CHECK (phase IN ('explain','demonstrate','guide','enhance')),
        type TEXT NOT NULL,
        rule TEXT NOT NULL,
        text TEXT NOT NULL,
        engine TEXT NOT NULL,
        fallback TEXT,
        to_actor TEXT,
        fields TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX turns_by_incident ON turns(incident_id, id);
    `,
  },
  {
    version: 2,
    name: 'metric catalog',
    sql: `
      CREATE TABLE catalog_sources (
        source TEXT PRIMARY KEY,
        fetched_at TEXT NOT NULL,
        families INTEGER NOT NULL,
        duration_ms INTEGER NOT NULL
      );
      CREATE TABLE catalog_families (
        source TEXT NOT NULL,
        name TEXT NOT NULL,
        type TEXT NOT NULL,
        help TEXT NOT NULL,
        unit TEXT NOT NULL,
        labels TEXT NOT NULL DEFAULT '[]',
        samples TEXT NOT NULL DEFAULT '[]',
        PRIMARY KEY (source, name)
      ) WITHOUT ROWID;
      CREATE TABLE catalog_label_values (
        source TEXT NOT NULL,
        family TEXT NOT NULL,
        label TEXT NOT NULL,
        value TEXT NOT NULL,
        PRIMARY KEY (source, family, label, value)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 3,
    name: 'people tokens, customer-support questions, versions, audit, batches, deliveries',
    sql: `
      CREATE TABLE person_tokens (
        person TEXT PRIMARY KEY,
        hash TEXT NOT NULL UNIQUE,
        created_at TEXT NOT NULL
      );

      CREATE TABLE support_batches (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        opened_at TEXT NOT NULL,
        due_at TEXT NOT NULL,
        sent_at TEXT
      );
      CREATE INDEX support_batches_open ON support_batches(incident_id) WHERE sent_at IS NULL;

      CREATE TABLE support_questions (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        question TEXT NOT NULL,
        asked_by TEXT NOT NULL,
        asked_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('asked','ai_draft','dev_review','rewritten','published','withdrawn')),
        version INTEGER NOT NULL DEFAULT 0,
        draft TEXT NOT NULL DEFAULT '{}',
        answer TEXT,
        batch_id INTEGER REFERENCES support_batches(id),
        origin TEXT NOT NULL DEFAULT '{}'
      );
      CREATE INDEX support_questions_by_incident ON support_questions(incident_id, id);

      CREATE TABLE support_versions (
        question_id INTEGER NOT NULL REFERENCES support_questions(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (question_id, version)
      ) WITHOUT ROWID;

      -- The audit trail is append-only: the store itself refuses to change or remove an entry.
      CREATE TABLE support_audit (
        id INTEGER PRIMARY KEY,
        question_id INTEGER NOT NULL REFERENCES support_questions(id) ON DELETE CASCADE,
        at TEXT NOT NULL,
        by TEXT NOT NULL,
        state TEXT NOT NULL,
        action TEXT NOT NULL,
        text TEXT NOT NULL,
        version INTEGER
      );
      CREATE INDEX support_audit_by_question ON support_audit(question_id, id);
      CREATE TRIGGER support_audit_no_update BEFORE UPDATE ON support_audit BEGIN
        SELECT RAISE(ABORT, 'the support audit trail is append-only');
      END;
      CREATE TRIGGER support_audit_no_delete BEFORE DELETE ON support_audit
        WHEN (SELECT COUNT(*) FROM support_questions WHERE id = old.question_id) > 0 BEGIN
        SELECT RAISE(ABORT, 'the support audit trail is append-only');
      END;

      CREATE TABLE support_deliveries (
        id INTEGER PRIMARY KEY,
        question_id INTEGER NOT NULL REFERENCES support_questions(id) ON DELETE CASCADE,
        url TEXT NOT NULL,
        body TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        next_at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('pending','delivered','failed')),
        last_error TEXT
      );
      CREATE INDEX support_deliveries_pending ON support_deliveries(next_at) WHERE state = 'pending';
    `,
  },
  {
    version: 4,
    name: 'where each support question was announced (a Slack batch message, …)',
    sql: `
      CREATE TABLE support_notices (
        question_id INTEGER NOT NULL REFERENCES support_questions(id) ON DELETE CASCADE,
        surface TEXT NOT NULL,
        ref TEXT NOT NULL,
        PRIMARY KEY (question_id, surface)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 5,
    name: 'learning notes with versions, enhancement suggestions and their answers',
    sql: `
      CREATE TABLE learning_notes (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER NOT NULL UNIQUE REFERENCES incidents(id) ON DELETE CASCADE,
        state TEXT NOT NULL CHECK (state IN ('draft','published')),
        version INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        published_at TEXT,
        published_by TEXT
      );
      CREATE TABLE learning_note_versions (
        note_id INTEGER NOT NULL REFERENCES learning_notes(id) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        body TEXT NOT NULL,
        PRIMARY KEY (note_id, version)
      ) WITHOUT ROWID;

      CREATE TABLE suggestions (
        id INTEGER PRIMARY KEY,
        incident_id INTEGER REFERENCES incidents(id) ON DELETE CASCADE,
        person TEXT NOT NULL,
        kind TEXT NOT NULL,
        key TEXT NOT NULL,
        at TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('offered','accepted','dismissed')),
        answered_at TEXT,
        body TEXT NOT NULL DEFAULT '{}'
      );
      CREATE UNIQUE INDEX suggestions_once ON suggestions(person, kind, key, IFNULL(incident_id, 0));
      CREATE INDEX suggestions_by_person ON suggestions(person, kind, state);
      CREATE INDEX suggestions_by_incident ON suggestions(incident_id, id);
    `,
  },
  {
    version: 6,
    name: 'team memory: a small full-text profile of each incident, query/link reuse, the action vocabulary',
    sql: `
      -- What an incident is about, for ranking past incidents by similarity to the one at hand (team memory).
      -- Labels are "key=value" tokens; '=', '_' and '-' join a token, so a label pair or a metric name stays whole.
      CREATE VIRTUAL TABLE incident_terms USING fts5(
        service, alert, labels, title, words, tokenize="unicode61 remove_diacritics 2 tokenchars '_=-'"
      );
      INSERT INTO incident_terms(rowid, service, alert, labels, title, words)
        SELECT id, coalesce(service, ''), '', '', title, '' FROM incidents;
      CREATE TRIGGER incident_terms_ai AFTER INSERT ON incidents BEGIN
        INSERT INTO incident_terms(rowid, service, alert, labels, title, words) VALUES (new.id, coalesce(new.service, ''), '', '', new.title, '');
      END;
      CREATE TRIGGER incident_terms_au AFTER UPDATE OF title, service ON incidents BEGIN
        UPDATE incident_terms SET service = coalesce(new.service, ''), title = new.title WHERE rowid = new.id;
      END;
      CREATE TRIGGER incident_terms_ad AFTER DELETE ON incidents BEGIN
        DELETE FROM incident_terms WHERE rowid = old.id;
      END;
      -- The first firing of each alert name adds its name, labels and annotations; re-firings add nothing.
      CREATE TRIGGER incident_terms_alert AFTER INSERT ON timeline_events
        WHEN new.kind = 'alert_firing' AND json_extract(new.data, '$.alert.name') IS NOT NULL BEGIN
        UPDATE incident_terms SET
          alert = trim(alert || ' ' || json_extract(new.data, '$.alert.name')),
          labels = trim(labels || ' ' || coalesce((SELECT group_concat(replace(key, ' ', '_') || '=' || replace(value, ' ', '_'), ' ')
            FROM json_each(new.data, '$.alert.labels')), '')),
          words = trim(words || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.data, '$.alert.annotations')), ''))
        WHERE rowid = new.incident_id
          AND instr(' ' || alert || ' ', ' ' || json_extract(new.data, '$.alert.name') || ' ') = 0;
      END;
      UPDATE incident_terms SET
        alert = coalesce((SELECT group_concat(n, ' ') FROM (SELECT DISTINCT json_extract(t.data, '$.alert.name') AS n FROM timeline_events t
          WHERE t.incident_id = incident_terms.rowid AND t.kind = 'alert_firing')), ''),
        labels = coalesce((SELECT group_concat(replace(j.key, ' ', '_') || '=' || replace(j.value, ' ', '_'), ' ') FROM timeline_events t,
          json_each(t.data, '$.alert.labels') j WHERE t.incident_id = incident_terms.rowid AND t.kind = 'alert_firing'), ''),
        words = coalesce((SELECT group_concat(j.value, ' ') FROM timeline_events t, json_each(t.data, '$.alert.annotations') j
          WHERE t.incident_id = incident_terms.rowid AND t.kind = 'alert_firing'), '')
        WHERE rowid IN (SELECT incident_id FROM timeline_events WHERE kind = 'alert_firing');

      -- How often the team reused a query or a link: the same text run again, by others, in other incidents.
      CREATE INDEX actions_reuse ON actions(kind, text, incident_id, actor) WHERE kind IN ('query_run', 'link_opened');

      -- How many incidents hold each term: a rare shared label or word counts more than a common one.
      CREATE VIRTUAL TABLE incident_terms_vocab USING fts5vocab(incident_terms, row);
    `,
  },
  {
    version: 7,
    name: 'indexes for cross-incident enhancement analysis (H4): actions and timeline events by kind',
    sql: `
      CREATE INDEX actions_kind_text ON actions(kind, text, incident_id, actor);
      CREATE INDEX actions_kind_incident ON actions(kind, incident_id, actor, at, text);
      CREATE INDEX timeline_by_kind ON timeline_events(kind, incident_id, at);
    `,
  },
  {
    version: 8,
    name: 'query runs by their normalized query and metric, for the cross-incident analysis (H4)',
    sql: `
      -- One row per query_run action of an incident: the query as one key however it was spaced or its
      -- matchers ordered, and the metric it reads. Worked out in the application (coach/store/query-runs.ts)
      -- from the action log up to query_runs_mark; the analysis catches up before it reads.
      CREATE TABLE query_runs (
        action_id INTEGER PRIMARY KEY REFERENCES actions(id) ON DELETE CASCADE,
        incident_id INTEGER NOT NULL REFERENCES incidents(id) ON DELETE CASCADE,
        actor TEXT NOT NULL,
        at TEXT NOT NULL,
        key TEXT NOT NULL,
        metric TEXT
      );
      CREATE INDEX query_runs_by_key ON query_runs(key, incident_id, actor);
      CREATE INDEX query_runs_by_person ON query_runs(incident_id, actor, at, metric);
      CREATE INDEX query_runs_by_metric ON query_runs(metric, incident_id, actor, at) WHERE metric IS NOT NULL;
      CREATE TABLE query_runs_mark (one INTEGER PRIMARY KEY CHECK (one = 1), last_action_id INTEGER NOT NULL);
      INSERT INTO query_runs_mark (one, last_action_id) VALUES (1, 0);
      -- Migration 7's action indexes served the analysis that query_runs now serves.
      DROP INDEX actions_kind_text;
      DROP INDEX actions_kind_incident;
    `,
    // An existing log's query runs are recorded now, once, rather than on the first analysis after the upgrade.
    after: (db) => { new QueryRunRepo(db).catchUp(); },
  },
  {
    version: 9,
    name: 'memory digests and reuse counts: what team memory reads of past incidents, kept by triggers',
    sql: `
      -- A resolved incident's memory items (its actions of the kinds team memory ranks), as one JSON array of
      -- [id, actor, at, kind, step, text, url or query], kept by triggers: built when the incident resolves,
      -- appended to when an action is added to it later, dropped when it reopens or one of its actions changes.
      -- Team memory reads one row per past incident instead of its hundred actions (coach/learning/memory).
      CREATE TABLE memory_digests (
        incident_id INTEGER PRIMARY KEY REFERENCES incidents(id) ON DELETE CASCADE,
        items TEXT NOT NULL
      );
      CREATE TRIGGER memory_digests_resolved AFTER UPDATE OF status ON incidents
        WHEN new.status = 'resolved' AND old.status <> 'resolved' BEGIN
        INSERT OR REPLACE INTO memory_digests (incident_id, items) VALUES (new.id, ${DIGEST_OF('new.id')});
      END;
      CREATE TRIGGER memory_digests_created AFTER INSERT ON incidents WHEN new.status = 'resolved' BEGIN
        INSERT OR REPLACE INTO memory_digests (incident_id, items) VALUES (new.id, '[]');
      END;
      CREATE TRIGGER memory_digests_reopened AFTER UPDATE OF status ON incidents WHEN new.status <> 'resolved' BEGIN
        DELETE FROM memory_digests WHERE incident_id = new.id;
      END;
      CREATE TRIGGER memory_digests_added AFTER INSERT ON actions
        WHEN new.incident_id IS NOT NULL AND new.kind IN (${DIGEST_KINDS}) BEGIN
        UPDATE memory_digests SET items = json_insert(items, '$[#]', json(${DIGEST_ITEM('new')})) WHERE incident_id = new.incident_id;
      END;
      CREATE TRIGGER memory_digests_changed AFTER UPDATE ON actions BEGIN
        DELETE FROM memory_digests WHERE incident_id IN (old.incident_id, new.incident_id);
      END;
      CREATE TRIGGER memory_digests_removed AFTER DELETE ON actions BEGIN
        DELETE FROM memory_digests WHERE incident_id = old.incident_id;
      END;

      -- How often the team reused a query or a link: distinct incidents and people per text, and the runs per
      -- person behind the people count. Kept by triggers on every write, so a search reads one row per text.
      CREATE TABLE reuse_counts (
        kind TEXT NOT NULL, text TEXT NOT NULL, incidents INTEGER NOT NULL, people INTEGER NOT NULL,
        PRIMARY KEY (kind, text)
      ) WITHOUT ROWID;
      CREATE TABLE reuse_people (
        kind TEXT NOT NULL, text TEXT NOT NULL, actor TEXT NOT NULL, runs INTEGER NOT NULL,
        PRIMARY KEY (kind, text, actor)
      ) WITHOUT ROWID;
      CREATE TRIGGER reuse_added AFTER INSERT ON actions WHEN new.kind IN ('query_run', 'link_opened') BEGIN
        ${REUSE_IN()}
      END;
      CREATE TRIGGER reuse_removed AFTER DELETE ON actions WHEN old.kind IN ('query_run', 'link_opened') BEGIN
        ${REUSE_OUT()}
      END;
      -- A run that changes (an incident deleted sets its actions' incident to NULL) is counted out, then in; a
      -- part it keeps (the same incident, or the same person) is neither.
      CREATE TRIGGER reuse_changed AFTER UPDATE OF kind, text, incident_id, actor ON actions
        WHEN old.kind IN ('query_run', 'link_opened') OR new.kind IN ('query_run', 'link_opened') BEGIN
        ${REUSE_OUT('NOT (old.kind = new.kind AND old.text = new.text AND old.incident_id IS new.incident_id)', 'NOT (old.kind = new.kind AND old.text = new.text AND old.actor = new.actor)', false)}
        ${REUSE_IN('NOT (old.kind = new.kind AND old.text = new.text AND old.incident_id IS new.incident_id)', 'NOT (old.kind = new.kind AND old.text = new.text AND old.actor = new.actor)')}
        ${REUSE_TIDY}
      END;
    `,
    // An existing store's resolved incidents get their digests, and its queries and links their reuse, now.
    after: (db) => { rebuildMemoryTables(db); },
  },
  {
    version: 10,
    name: 'query runs that name the question they were run for: team-taught answers',
    sql: `
      -- A query run from a query card carries the question it answered (payload.question) and, when the
      -- person edited it, the query Mentat suggested. These pairs answer the next similar question first.
      CREATE INDEX actions_taught ON actions(id) WHERE kind = 'query_run' AND ${TAUGHT};
    `,
  },
  {
    version: 11,
    name: 'incident profiles get service=alert pair tokens: "same service and alert" is one short doclist',
    sql: `
      -- Team memory asks for past incidents of the same service and alert. As two terms that meant intersecting
      -- an eighth and a sixth of all incidents on every search; as one "service=alert" token it reads only the
      -- incidents that have both. FTS5 tables cannot gain a column, so the profile table is rebuilt.
      DROP TRIGGER incident_terms_ai;
      DROP TRIGGER incident_terms_au;
      DROP TRIGGER incident_terms_ad;
      DROP TRIGGER incident_terms_alert;
      DROP TABLE incident_terms_vocab;
      CREATE VIRTUAL TABLE incident_terms_v11 USING fts5(
        service, alert, labels, title, words, pair, tokenize="unicode61 remove_diacritics 2 tokenchars '_=-'"
      );
      INSERT INTO incident_terms_v11 (rowid, service, alert, labels, title, words, pair)
        SELECT rowid, service, alert, labels, title, words, ${PAIRS('service', 'alert')} FROM incident_terms;
      DROP TABLE incident_terms;
      ALTER TABLE incident_terms_v11 RENAME TO incident_terms;
      CREATE TRIGGER incident_terms_ai AFTER INSERT ON incidents BEGIN
        INSERT INTO incident_terms(rowid, service, alert, labels, title, words, pair) VALUES (new.id, coalesce(new.service, ''), '', '', new.title, '', '');
      END;
      CREATE TRIGGER incident_terms_au AFTER UPDATE OF title, service ON incidents BEGIN
        UPDATE incident_terms SET service = coalesce(new.service, ''), title = new.title, pair = ${PAIRS("coalesce(new.service, '')", 'alert')} WHERE rowid = new.id;
      END;
      CREATE TRIGGER incident_terms_ad AFTER DELETE ON incidents BEGIN
        DELETE FROM incident_terms WHERE rowid = old.id;
      END;
      -- The first firing of each alert name adds its name, labels, annotations and service=alert pair.
      CREATE TRIGGER incident_terms_alert AFTER INSERT ON timeline_events
        WHEN new.kind = 'alert_firing' AND json_extract(new.data, '$.alert.name') IS NOT NULL BEGIN
        UPDATE incident_terms SET
          alert = trim(alert || ' ' || json_extract(new.data, '$.alert.name')),
          labels = trim(labels || ' ' || coalesce((SELECT group_concat(replace(key, ' ', '_') || '=' || replace(value, ' ', '_'), ' ')
            FROM json_each(new.data, '$.alert.labels')), '')),
          words = trim(words || ' ' || coalesce((SELECT group_concat(value, ' ') FROM json_each(new.data, '$.alert.annotations')), '')),
          pair = ${PAIRS('service', "trim(alert || ' ' || json_extract(new.data, '$.alert.name'))")}
        WHERE rowid = new.incident_id
          AND instr(' ' || alert || ' ', ' ' || json_extract(new.data, '$.alert.name') || ' ') = 0;
      END;
      CREATE VIRTUAL TABLE incident_terms_vocab USING fts5vocab(incident_terms, row);
    `,
  },
  {
    version: 12,
    name: 'requests a transport already handled, kept across restarts (Slack retries)',
    sql: `
      -- Slack retries a request it thinks went unanswered, for up to an hour or so, also after Mentat
      -- restarts. A request's key is claimed in the same transaction as the event it caused, so a retry
      -- after a crash neither answers twice nor records twice. Rows older than the window are pruned.
      CREATE TABLE handled_requests (
        key TEXT PRIMARY KEY,
        at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX handled_requests_at ON handled_requests(at);
    `,
  },
];

/**
 * In SQL: "service=alert" for each of the space-separated alert names ('' without a service or alerts); a
 * space inside a service name becomes "_", as in label pairs.
 */
function PAIRS(service: string, alerts: string): string {
  return `CASE WHEN ${service} = '' OR ${alerts} = '' THEN '' ELSE trim(replace(' ' || ${alerts}, ' ', ' ' || replace(${service}, ' ', '_') || '=')) END`;
}

/** Migration 9's tables built afresh from the action log (after a bulk load that bypassed the triggers). */
export function rebuildMemoryTables(db: Db): void {
  db.exec(REBUILD_DIGESTS);
  db.exec(REBUILD_REUSE);
}
