/**
 * GloVe word vectors for "Checked before" (lib/matching/data/glove-50k.bin,
 * built by scripts/build-word-vectors.mjs; licences in lib/matching/data).
 *
 * 50,000 words in frequency order, each an L2-normalised 100-dimensional
 * vector quantised to int8 (×200), with its nearest neighbours among the
 * 20,000 most frequent words computed when the file was built. The file is
 * 6 MB and loads in a few milliseconds, once per process: it is immutable
 * data, not shared state.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

export type WordVectors = {
  readonly dims: number;
  readonly size: number;
  /** Frequency rank (0 = most frequent), or -1 for a word outside the vocabulary. */
  rank(word: string): number;
  /** Cosine similarity of two words; 1 for equal words, 0 when either is unknown. */
  similarity(a: string, b: string): number;
  /** Cosine similarity of the words at two ranks. */
  similarityAt(a: number, b: number): number;
  /**
   * The nearest words among the 20,000 most frequent ones, most similar
   * first, each at least `minSimilarity` (at most 6; the word itself excluded).
   */
  neighbours(word: string, opts: { count: number; minSimilarity: number }): string[];
};

let loaded: WordVectors | null = null;

export function wordVectors(): WordVectors {
  loaded ??= parseWordVectors(readFileSync(path.join(process.cwd(), "lib/matching/data/glove-50k.bin")));
  return loaded;
}

export function parseWordVectors(buf: Buffer): WordVectors {
  if (buf.toString("latin1", 0, 4) !== "GLV2") throw new Error("Not a word-vector file (expected GLV2)");
  const size = buf.readUInt32LE(4);
  const dims = buf.readUInt32LE(8);
  const wordBytes = buf.readUInt32LE(12);
  const perWord = buf.readUInt32LE(16);
  const words = buf.toString("utf8", 20, 20 + wordBytes).split("\n");
  const start = 20 + wordBytes;
  const data = new Int8Array(buf.buffer, buf.byteOffset + start, size * dims);
  // Copied: the neighbour table's offset need not be 2-byte aligned in the file.
  const near = new Uint16Array(Uint8Array.from(buf.subarray(start + size * dims, start + size * dims + size * perWord * 2)).buffer);
  const index = new Map<string, number>();
  words.forEach((w, i) => index.set(w, i));
  const norms = new Float32Array(size);
  for (let i = 0; i < size; i++) {
    let s = 0;
    for (let d = 0; d < dims; d++) s += data[i * dims + d]! ** 2;
    norms[i] = Math.sqrt(s) || 1;
  }
  const dotAt = (a: number, b: number) => {
    let s = 0;
    const oa = a * dims;
    const ob = b * dims;
    for (let d = 0; d < dims; d++) s += data[oa + d]! * data[ob + d]!;
    return s / (norms[a]! * norms[b]!);
  };
  return {
    dims,
    size,
    rank: (word) => index.get(word) ?? -1,
    similarity(a, b) {
      if (a === b) return 1;
      const ia = index.get(a);
      const ib = index.get(b);
      return ia === undefined || ib === undefined ? 0 : dotAt(ia, ib);
    },
    similarityAt: (a, b) => (a === b ? 1 : dotAt(a, b)),
    neighbours(word, { count, minSimilarity }) {
      const i = index.get(word);
      if (i === undefined) return [];
      const out: string[] = [];
      for (let k = 0; k < perWord && out.length < count; k++) {
        const j = near[i * perWord + k]!;
        if (j === 0xffff || dotAt(i, j) < minSimilarity) break;
        out.push(words[j]!);
      }
      return out;
    },
  };
}
