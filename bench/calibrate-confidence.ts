// Fits the offline translator's confidence (coach/query/confidence.ts) to scored answers, and says which
// threshold to show answers at. Reproduce (docs/queries.md, "Confidence"):
//   1. score each development set with every offline answer shown:
//        node SCORER --prometheus URL --questions SET.jsonl \
//          --cmd "node bin/mentat.js translate --prometheus URL --min-confidence 0 --json" > SET.scores.txt
//   2. node bin/run-ts.js bench/calibrate-confidence.ts --prometheus URL SET.jsonl=SET.scores.txt …
// Prints the fitted weights (paste into confidence.ts) and, cross-validated, how many answers each threshold
// shows and how many of those are wrong. Blind sets are never passed here: they are what it is reported on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { refreshCatalog } from '../coach/query/catalog-fetch.ts';
import { CatalogStore } from '../coach/query/catalog-store.ts';
import { FEATURES, features } from '../coach/query/confidence.ts';
import { translateOffline } from '../coach/query/offline.ts';
import { createPromClient } from '../coach/query/prom-client.ts';
import { correctSpelling } from '../coach/query/spelling.ts';
import { Store } from '../coach/store/index.ts';
import { systemClock } from '../coach/types.ts';

/** A wrong answer costs this many right ones: it teaches the wrong thing with the tool's authority. */
const WRONG_COST = 3;
/** The share of right answers a development set that reaches it must keep at the chosen threshold. */
const FLOOR = 0.9;

function args(): { url: string; pairs: [string, string][] } {
  const a = process.argv.slice(2);
  const i = a.indexOf('--prometheus');
  const url = i >= 0 ? a[i + 1] : undefined;
  const pairs = a.filter((x, k) => x.includes('=') && k !== i + 1).map((x) => x.split('=') as [string, string]);
  if (!url || pairs.length === 0) {
    console.error('usage: calibrate-confidence.ts --prometheus URL SET.jsonl=SCORES.txt …');
    process.exit(2);
  }
  return { url, pairs };
}

interface Row { set: string; id: string; x: number[]; y: number }

function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** L2-regularised logistic regression by gradient descent on standardised features; weights in raw units. */
function fit(rows: readonly Row[], lambda = 0.05, steps = 4000, rate = 0.5): { w: number[]; b: number } {
  const d = rows[0]?.x.length ?? 0;
  const mean = Array.from({ length: d }, (_, j) => rows.reduce((s, r) => s + (r.x[j] ?? 0), 0) / rows.length);
  const sd = Array.from({ length: d }, (_, j) => Math.sqrt(rows.reduce((s, r) => s + ((r.x[j] ?? 0) - (mean[j] ?? 0)) ** 2, 0) / rows.length) || 1);
  const z = rows.map((r) => r.x.map((v, j) => (v - (mean[j] ?? 0)) / (sd[j] ?? 1)));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  for (let s = 0; s < steps; s++) {
    const gw = new Array<number>(d).fill(0);
    let gb = 0;
    rows.forEach((r, k) => {
      const zk = z[k] ?? [];
      const p = sigmoid(b + zk.reduce((acc, v, j) => acc + v * (w[j] ?? 0), 0));
      const e = p - r.y;
      gb += e;
      zk.forEach((v, j) => (gw[j] = (gw[j] ?? 0) + e * v));
    });
    b -= (rate * gb) / rows.length;
    for (let j = 0; j < d; j++) w[j] = (w[j] ?? 0) - rate * ((gw[j] ?? 0) / rows.length + lambda * (w[j] ?? 0));
  }
  // Back to raw feature units, so confidence.ts needs no scaler.
  const raw = w.map((v, j) => v / (sd[j] ?? 1));
  return { w: raw, b: b - raw.reduce((acc, v, j) => acc + v * (mean[j] ?? 0), 0) };
}

const predict = (m: { w: number[]; b: number }, x: readonly number[]): number => sigmoid(m.b + x.reduce((s, v, j) => s + v * (m.w[j] ?? 0), 0));

async function main(): Promise<void> {
  const { url, pairs } = args();
  const dir = mkdtempSync(join(tmpdir(), 'mentat-calibrate-'));
  const store = Store.open(join(dir, 'm.db'));
  try {
    const client = createPromClient(url, { timeoutMs: 10_000 });
    const cs = new CatalogStore(store.db);
    await refreshCatalog(client, cs, systemClock);
    const catalog = cs.load(client.baseUrl);
    if (!catalog) throw new Error('no catalog fetched');
    const rows: Row[] = [];
    let skipped = 0;
    for (const [set, scores] of pairs) {
      const labels = new Map<string, { label: string; query: string }>();
      for (const line of readFileSync(scores, 'utf8').split('\n')) {
        const [id, label, , query] = line.split('\t');
        if (id && label && query !== undefined) labels.set(id, { label, query });
      }
      for (const line of readFileSync(set, 'utf8').split('\n')) {
        if (!line.trim()) continue;
        const item = JSON.parse(line) as { id: string; question: string };
        const scored = labels.get(item.id);
        const answer = translateOffline(catalog, correctSpelling(item.question, catalog).text);
        if (!scored || !answer.ok || scored.label === 'declined') continue;
        // Only answers the scorer saw: the same query, so the label is this answer's.
        if (scored.query !== answer.query) {
          skipped++;
          continue;
        }
        rows.push({ set: basename(set, '.jsonl'), id: item.id, x: features(answer.evidence), y: scored.label === 'right' ? 1 : 0 });
      }
    }
    const pos = rows.filter((r) => r.y === 1).length;
    console.log(`${rows.length} answered (${pos} right, ${rows.length - pos} wrong); ${skipped} skipped (query differed from the scored one)`);
    // Out-of-sample predictions by 5-fold cross-validation, so the threshold is chosen on answers the fit never saw.
    const folds = 5;
    const oos = new Array<number>(rows.length).fill(0);
    for (let f = 0; f < folds; f++) {
      const train = rows.filter((_, k) => k % folds !== f);
      const m = fit(train);
      rows.forEach((r, k) => { if (k % folds === f) oos[k] = predict(m, r.x); });
    }
    // A set that answers at least FLOOR of its questions right with every answer shown must still do so at the
    // threshold (the regression tests hold the development sets to it): abstention must not cost it that.
    const sizes = new Map<string, number>();
    for (const [set] of pairs) sizes.set(basename(set, '.jsonl'), readFileSync(set, 'utf8').split('\n').filter((l) => l.trim()).length);
    const rightAt = (x: string, t: number): number => rows.filter((r, k) => r.set === x && r.y === 1 && (oos[k] ?? 0) >= t).length;
    const floored = [...sizes].filter(([x, n]) => rightAt(x, 0) >= FLOOR * n);
    console.log('threshold  shown  right  wrong  wrong%  right-3*wrong   (cross-validated)');
    let bestT = 0;
    let bestGain = -Infinity;
    for (let t = 0; t <= 0.951; t += 0.05) {
      const shown = rows.filter((_, k) => (oos[k] ?? 0) >= t);
      const right = shown.filter((r) => r.y === 1).length;
      const wrong = shown.length - right;
      const gain = right - WRONG_COST * wrong;
      const keeps = floored.every(([x, n]) => rightAt(x, t) >= FLOOR * n);
      if (keeps && gain > bestGain) [bestGain, bestT] = [gain, t];
      console.log(`${t.toFixed(2).padStart(9)}  ${String(shown.length).padStart(5)}  ${String(right).padStart(5)}  ${String(wrong).padStart(5)}  ${(shown.length ? (100 * wrong) / shown.length : 0).toFixed(1).padStart(6)}  ${String(gain).padStart(13)}`);
    }
    const model = fit(rows);
    // Each set at a few thresholds, cross-validated: right and wrong among those shown.
    const sets = [...new Set(rows.map((r) => r.set))];
    console.log(`\nper set (right/wrong shown), cross-validated:\n${'threshold'.padStart(9)}  ${sets.map((x) => x.padStart(14)).join('')}`);
    for (const t of [0.3, 0.5, 0.6, 0.7, 0.75, 0.8]) {
      const cells = sets.map((x) => {
        const shown = rows.filter((r, k) => r.set === x && (oos[k] ?? 0) >= t);
        const right = shown.filter((r) => r.y === 1).length;
        return `${right}/${shown.length - right}`.padStart(14);
      });
      console.log(`${t.toFixed(2).padStart(9)}  ${cells.join('')}`);
    }
    console.log(`\nchosen threshold ${bestT.toFixed(2)} (most right − ${WRONG_COST}× wrong, keeping ${floored.map(([x]) => x).join(', ')} at ≥ ${FLOOR} right)`);
    console.log('weights (confidence.ts):');
    console.log(`  bias: ${model.b.toFixed(3)},`);
    FEATURES.forEach((name, j) => console.log(`  ${name}: ${(model.w[j] ?? 0).toFixed(3)},`));
  } finally {
    store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
