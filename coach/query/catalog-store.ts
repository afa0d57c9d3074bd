// The metric catalog in SQLite: families with their labels, label values loaded only when asked for.
import type { Db } from '../store/index.ts';
import type { Catalog, MetricFamily, MetricType } from './api.ts';
import { memoryCatalog } from './catalog.ts';

export interface CatalogStatus {
  source: string;
  fetchedAt: string;
  families: number;
  durationMs: number;
}

interface FamilyRow { name: string; type: string; help: string; unit: string; labels: string; samples: string }
interface StatusRow { source: string; fetched_at: string; families: number; duration_ms: number }

const toStatus = (r: StatusRow): CatalogStatus => ({ source: r.source, fetchedAt: r.fetched_at, families: r.families, durationMs: r.duration_ms });
const stagingKey = (source: string): string => `${source}#staging`;

/** Writes a fetch in progress under a staging key, so readers see the old catalog until the new one is whole. */
export interface CatalogStaging {
  /** Writes one fetched batch in one transaction (a transaction per label would fsync thousands of times). */
  addValues(entries: Iterable<[family: string, label: string, values: Iterable<string>]>): void;
  finish(families: readonly MetricFamily[], fetchedAt: string, durationMs: number): CatalogStatus;
  abandon(): void;
}

export class CatalogStore {
  constructor(private readonly db: Db) {}

  status(source: string): CatalogStatus | null {
    const r = this.db.prepare('SELECT * FROM catalog_sources WHERE source = ?').get(source) as StatusRow | undefined;
    return r ? toStatus(r) : null;
  }

  /** The most recently fetched catalog of any source: what an offline CLI falls back to. */
  latest(): CatalogStatus | null {
    const r = this.db.prepare("SELECT * FROM catalog_sources WHERE source NOT LIKE '%#staging' ORDER BY fetched_at DESC LIMIT 1").get() as StatusRow | undefined;
    return r ? toStatus(r) : null;
  }

  load(source: string): Catalog | null {
    const st = this.status(source);
    if (!st) return null;
    const rows = this.db.prepare('SELECT name, type, help, unit, labels, samples FROM catalog_families WHERE source = ? ORDER BY name').all(source) as FamilyRow[];
    const families: MetricFamily[] = rows.map((r) => ({
      name: r.name, type: r.type as MetricType, help: r.help, unit: r.unit,
      labels: JSON.parse(r.labels) as string[], samples: JSON.parse(r.samples) as string[],
    }));
    // One query per family, not per label: the translator asks for several labels of each candidate.
    const values = this.db.prepare('SELECT label, value FROM catalog_label_values WHERE source = ? AND family = ? ORDER BY label, value');
    const perFamily = new Map<string, Map<string, string[]>>();
    return memoryCatalog(source, st.fetchedAt, families, (family, label) => {
      let m = perFamily.get(family);
      if (!m) {
        m = new Map();
        for (const r of values.all(source, family) as { label: string; value: string }[]) {
          let list = m.get(r.label);
          if (!list) m.set(r.label, (list = []));
          list.push(r.value);
        }
        if (perFamily.size > 2000) perFamily.clear();
        perFamily.set(family, m);
      }
      return m.get(label) ?? [];
    });
  }

  stage(source: string): CatalogStaging {
    const key = stagingKey(source);
    this.clear(key);
    const ins = this.db.prepare('INSERT OR IGNORE INTO catalog_label_values (source, family, label, value) VALUES (?, ?, ?, ?)');
    return {
      addValues: (entries) => {
        this.db.transaction(() => {
          for (const [family, label, values] of entries) for (const v of values) ins.run(key, family, label, v);
        })();
      },
      finish: (families, fetchedAt, durationMs) => {
        const insFam = this.db.prepare('INSERT INTO catalog_families (source, name, type, help, unit, labels, samples) VALUES (?, ?, ?, ?, ?, ?, ?)');
        this.db.transaction(() => {
          this.clear(source);
          for (const f of families) insFam.run(source, f.name, f.type, f.help, f.unit, JSON.stringify(f.labels), JSON.stringify(f.samples));
          this.db.prepare('UPDATE catalog_label_values SET source = ? WHERE source = ?').run(source, key);
          this.db.prepare('INSERT INTO catalog_sources (source, fetched_at, families, duration_ms) VALUES (?, ?, ?, ?)')
            .run(source, fetchedAt, families.length, Math.round(durationMs));
        })();
        return { source, fetchedAt, families: families.length, durationMs: Math.round(durationMs) };
      },
      abandon: () => this.clear(key),
    };
  }

  private clear(source: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM catalog_label_values WHERE source = ?').run(source);
      this.db.prepare('DELETE FROM catalog_families WHERE source = ?').run(source);
      this.db.prepare('DELETE FROM catalog_sources WHERE source = ?').run(source);
    })();
  }
}
