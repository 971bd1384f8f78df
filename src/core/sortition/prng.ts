/**
 * Seeded pseudo-random numbers for reproducible panel draws.
 *
 * Algorithm (fixed; changing it would change every published draw):
 *  - the seed string is hashed with **cyrb128** (bryc, public domain, as published in
 *    "PractRNG"/StackOverflow answer 47593316) into four 32-bit words, hashing the string's UTF-16
 *    code units;
 *  - those four words seed **sfc32** (Chris Doty-Humphrey's Small Fast Counting generator,
 *    from PractRand), whose first 15 outputs are discarded to mix the state;
 *  - `random()` builds a 53-bit float in [0, 1) from two consecutive 32-bit outputs
 *    (`(a >>> 5) * 2^26 + (b >>> 6)) / 2^53`, the same construction as `Math.random`
 *    implementations and Python's `random.random`).
 *
 * Anyone can re-implement this in a few lines to verify a draw independently.
 */

/** cyrb128 string hash: returns four unsigned 32-bit words. */
export function cyrb128(str: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < str.length; i++) {
    const k = str.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 generator returning unsigned 32-bit integers. */
export function sfc32(a: number, b: number, c: number, d: number): () => number {
  let sa = a >>> 0;
  let sb = b >>> 0;
  let sc = c >>> 0;
  let sd = d >>> 0;
  return () => {
    const t = (((sa + sb) | 0) + sd) | 0;
    sd = (sd + 1) | 0;
    sa = sb ^ (sb >>> 9);
    sb = (sc + (sc << 3)) | 0;
    sc = (sc << 21) | (sc >>> 11);
    sc = (sc + t) | 0;
    return t >>> 0;
  };
}

export interface Rng {
  /** Next unsigned 32-bit integer. */
  nextUint32(): number;
  /** Uniform float in [0, 1) with 53 random bits. */
  random(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
}

/** Name of the PRNG construction, for display next to a published draw. */
export const PRNG_NAME = 'sfc32 seeded with cyrb128(seed), 15 warm-up outputs discarded';

/** Creates the seeded generator described at the top of this file. */
export function createRng(seed: string): Rng {
  const [a, b, c, d] = cyrb128(seed);
  const next = sfc32(a, b, c, d);
  for (let i = 0; i < 15; i++) next();
  const random = (): number => {
    const hi = next() >>> 5; // 27 bits
    const lo = next() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  };
  return {
    nextUint32: next,
    random,
    int: (n: number) => Math.floor(random() * n),
  };
}

/** Convenience: a `() => number` in [0, 1) (the shape `greedy` accepts). */
export function seededRandom(seed: string): () => number {
  const rng = createRng(seed);
  return () => rng.random();
}
