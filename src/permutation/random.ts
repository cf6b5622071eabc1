// A small seeded pseudo-random generator for permutation tests and GOSH samples: xoshiro128**
// (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"; public-domain
// reference algorithm) seeded by splitmix32. It uses only 32-bit integer operations
// (Math.imul, >>>), so the same seed gives the same stream on every JavaScript engine and
// platform; no Math.random anywhere.

/** A seeded stream of random numbers. */
export interface SeededRandom {
  /** The next 32-bit unsigned integer. */
  nextUint32(): number;
  /** A uniform draw in [0, 1) with 32 random bits (exactly representable, so platform-independent). */
  uniform(): number;
  /** A uniform integer in [0, n) for 1 ≤ n ≤ 2³², without modulo bias (rejection sampling). */
  below(n: number): number;
}

/**
 * The seeds accepted: integers 0 … 2³² − 1.
 * @example isSeed(42) // true
 * @example isSeed(-1) // false
 */
export function isSeed(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x) && x >= 0 && x <= 0xffffffff;
}

/**
 * A xoshiro128** generator whose 128-bit state is filled from `seed` by splitmix32 (so nearby
 * seeds give unrelated streams).
 * @example seededRandom(1).nextUint32() // 2442144158 (on every platform)
 */
export function seededRandom(seed: number): SeededRandom {
  let sm = seed >>> 0;
  const splitmix = (): number => {
    sm = (sm + 0x9e3779b9) >>> 0;
    let z = sm;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
  let a = splitmix();
  let b = splitmix();
  let c = splitmix();
  let d = splitmix();
  if ((a | b | c | d) === 0) a = 1; // the all-zero state is a fixed point
  const nextUint32 = (): number => {
    const r = Math.imul(rotl(Math.imul(b, 5) >>> 0, 7), 9) >>> 0;
    const t = (b << 9) >>> 0;
    c ^= a;
    d ^= b;
    b ^= c;
    a ^= d;
    c ^= t;
    d = rotl(d >>> 0, 11);
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    return r;
  };
  return {
    nextUint32,
    uniform: () => nextUint32() / 4294967296,
    below(n: number): number {
      // Largest multiple of n below 2³²; draws at or above it are rejected.
      const limit = 4294967296 - (4294967296 % n);
      let x = nextUint32();
      while (x >= limit) x = nextUint32();
      return x % n;
    },
  };
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
