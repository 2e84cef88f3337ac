/**
 * The survival function of the two-sided one-sample Kolmogorov–Smirnov statistic D_n, and of the
 * one-sided statistic D_n+ (Smirnov). The two-sample KS test uses the first for samples too large
 * for its exact distribution: SciPy's `ks_2samp` (method 'asymp') returns
 * `kstwo.sf(d, round(n1·n2 / (n1 + n2)))`, and this is that function.
 *
 * No JavaScript library provides these distributions, so they are written here once, following
 * SciPy 1.10.1: scipy/stats/_ksstats.py (`_kolmogn` and the methods it chooses between) and
 * scipy/special/cephes/kolmogorov.c (`smirnov`). The choice of method is SciPy's, from:
 *
 * - Simard, R., L'Ecuyer, P. (2011). "Computing the two-sided Kolmogorov–Smirnov distribution."
 *   Journal of Statistical Software 39(11), 1–18.
 * - Durbin, J. (1968), as computed by Marsaglia, G., Tsang, W. W., Wang, J. (2003).
 *   "Evaluating Kolmogorov's distribution." Journal of Statistical Software 8(18), 1–4.
 * - Pomeranz, J. (1974). "Exact cumulative distribution of the Kolmogorov–Smirnov statistic for
 *   small samples (Algorithm 487)." Communications of the ACM 17(12), 703–704.
 * - Pelz, W., Good, I. J. (1976). "Approximating the lower tail-areas of the Kolmogorov–Smirnov
 *   one-sample statistic." Journal of the Royal Statistical Society B 38(2), 152–156.
 * - Birnbaum, Z. W., Tingey, F. H. (1951). "One-sided confidence contours for probability
 *   distribution functions." Annals of Mathematical Statistics 22(4), 592–596 (the sum behind
 *   `smirnovSf`); van Mulbregt, P. (2018), arXiv:1802.06966, for how SciPy evaluates it.
 *
 * One deliberate difference: SciPy evaluates the Smirnov sum in double-double arithmetic; here
 * its terms are summed in doubles through logarithms (binomial coefficient included), which the
 * tests show agrees with SciPy to better than 1e-9 relative on the grid they cover.
 */

const E128 = 2 ** 128;
const EM128 = 2 ** -128;
const LOG_2PI = Math.log(2 * Math.PI);
const SQRT_2PI = Math.sqrt(2 * Math.PI);
const SQRT3 = Math.sqrt(3);
const PI_SQUARED = Math.PI ** 2;
const PI_FOUR = Math.PI ** 4;
const PI_SIX = Math.PI ** 6;
const MIN_LOG = -708;
/** cephes' MINLOG, log(2^-1075): exp() of anything below it is 0. */
const CEPHES_MIN_LOG = -745.1332191019412;
/** Above this n, SciPy's `smirnov` switches to an asymptotic formula. */
const SMIRNOV_MAX_COMPUTE_N = 1_000_000;
/** B_2j / (2j (2j − 1)) for j = 8 … 1: Stirling's series (SciPy's literals, as the doubles they denote). */
const STIRLING_COEFFICIENTS = [
  -0.029550653594771242, 0.00641025641025641, -0.0019175269175269176, 0.0008417508417508417, -0.0005952380952380953, 0.0007936507936507937,
  -0.002777777777777778, 0.08333333333333333,
];

const clip = (p: number): number => Math.min(Math.max(p, 0), 1);

/**
 * P(D_n ≥ x) for the two-sided one-sample KS statistic with n observations: SciPy's
 * `stats.kstwo.sf(x, n)`.
 *
 * @example
 * kolmogorovSf(99, 0.12) // Pomeranz's recursion decides this one
 */
export function kolmogorovSf(n: number, x: number): number {
  if (Number.isNaN(x) || !Number.isInteger(n) || n <= 0) return Number.NaN;
  // The support of kstwo is [1/(2n), 1]; rv_continuous answers outside it without _kolmogn.
  if (x <= 0.5 / n) return 1;
  if (x >= 1) return 0;
  const t = n * x;
  if (t <= 1) {
    // Ruben–Gambino: 1/(2n) < x ≤ 1/n.
    if (t <= 0.5) return 1;
    const cdf = n <= 140 ? productOfSteps(n, t) : Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
    return clip(1 - cdf);
  }
  if (t >= n - 1) return clip(2 * (1 - x) ** n);
  if (x >= 0.5) return clip(2 * smirnovSf(n, x));
  const nxSquared = t * x;
  if (n <= 140) {
    if (nxSquared <= 0.754693) return clip(1 - durbinMatrixCdf(n, x));
    if (nxSquared <= 4) return clip(1 - pomeranzCdf(n, x));
    return clip(2 * smirnovSf(n, x));
  }
  if (nxSquared >= 370) return 0;
  if (nxSquared >= 2.2) return clip(2 * smirnovSf(n, x));
  let cdf: number;
  if (nxSquared >= 18) cdf = 1;
  else if (n <= 100000 && n * x ** 1.5 <= 1.4) cdf = durbinMatrixCdf(n, x);
  else cdf = pelzGoodCdf(n, x);
  return clip(1 - cdf);
}

/** Π_{i=1..n} (i/n)(2t − 1), in NumPy's order. */
function productOfSteps(n: number, t: number): number {
  let product = 1;
  for (let i = 1; i <= n; i++) product *= i * (1 / n) * (2 * t - 1);
  return product;
}

/** log(n! / n^n) by Stirling's series, with n·log(n) removed up front. */
function logFactorialOverPower(n: number): number {
  const rn = 1 / n;
  const z = rn / n;
  let series = 0;
  for (const coefficient of STIRLING_COEFFICIENTS) series = series * z + coefficient;
  return Math.log(n) / 2 - n + LOG_2PI / 2 + rn * series;
}

/** P(D_n ≤ d) by Durbin's matrix, as Marsaglia, Tsang and Wang compute it (SciPy `_kolmogn_DMTW`). */
function durbinMatrixCdf(n: number, d: number): number {
  if (d >= 1) return 1;
  const nd = n * d;
  if (nd <= 0.5) return 0;
  const k = Math.ceil(nd);
  const h = k - nd;
  const m = 2 * k - 1;
  const v = new Float64Array(m);
  const w = new Float64Array(m);
  let factorial = 1;
  for (let j = 1; j <= m; j++) {
    v[j - 1] = 1 - h ** j;
    w[j - 1] = factorial;
    factorial /= j;
    v[j - 1]! *= factorial;
  }
  const tt = Math.max(2 * h - 1, 0) ** m - 2 * h ** m;
  v[m - 1] = (1 + tt) * factorial;
  let matrix: Float64Array = new Float64Array(m * m);
  for (let i = 1; i < m; i++) for (let row = i - 1; row < m; row++) matrix[row * m + i] = w[row - i + 1]!;
  for (let row = 0; row < m; row++) matrix[row * m] = v[row]!;
  for (let column = 0; column < m; column++) matrix[(m - 1) * m + column] = v[m - 1 - column]!;

  let power: Float64Array = identity(m);
  let remaining = n;
  let exponent = 0;
  let matrixExponent = 0;
  while (remaining > 0) {
    if (remaining % 2) {
      power = multiply(power, matrix, m);
      exponent += matrixExponent;
    }
    matrix = multiply(matrix, matrix, m);
    matrixExponent *= 2;
    if (Math.abs(matrix[(k - 1) * m + (k - 1)]!) > E128) {
      for (let index = 0; index < matrix.length; index++) matrix[index]! /= E128;
      matrixExponent += 128;
    }
    remaining = Math.floor(remaining / 2);
  }
  let p = power[(k - 1) * m + (k - 1)]!;
  // Multiply by n!/n^n.
  for (let i = 1; i <= n; i++) {
    p = (i * p) / n;
    if (Math.abs(p) < EM128) {
      p *= E128;
      exponent -= 128;
    }
  }
  if (exponent !== 0) p *= 2 ** exponent;
  return clip(p);
}

function identity(m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) out[i * m + i] = 1;
  return out;
}

function multiply(a: Float64Array, b: Float64Array, m: number): Float64Array {
  const out = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let k = 0; k < m; k++) {
      const aik = a[i * m + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < m; j++) out[i * m + j]! += aik * b[k * m + j]!;
    }
  }
  return out;
}

/** The interval of non-zero entries of row i in Pomeranz's recursion. */
function pomeranzBounds(i: number, n: number, ll: number, ceilf: number, roundf: number): [number, number] {
  let j1: number;
  let j2: number;
  if (i === 0) {
    j1 = -ll - ceilf - 1;
    j2 = ll + ceilf - 1;
  } else {
    const half = Math.floor((i + 1) / 2);
    if ((i + 1) % 2 === 0) {
      if (half === n + 1) {
        j1 = n - ll - ceilf - 1;
        j2 = n + ll + ceilf - 1;
      } else {
        j1 = half - 1 - ll - roundf - 1;
        j2 = half + ll - 1 + ceilf - 1;
      }
    } else {
      j1 = half - 1 - ll - 1;
      j2 = half + ll + roundf - 1;
    }
  }
  return [Math.max(j1 + 2, 0), Math.min(j2, n)];
}

/** P(D_n ≤ x) by Pomeranz's recursion (SciPy `_kolmogn_Pomeranz`). */
function pomeranzCdf(n: number, x: number): number {
  const t = n * x;
  const ll = Math.floor(t);
  const f = t - ll;
  const g = Math.min(f, 1 - f);
  const ceilf = f > 0 ? 1 : 0;
  const roundf = f > 0.5 ? 1 : 0;
  const powers = 2 * (ll + 1);
  const gPower = new Float64Array(powers);
  const twoGPower = new Float64Array(powers);
  const oneMinusTwoGPower = new Float64Array(powers);
  gPower[0] = twoGPower[0] = oneMinusTwoGPower[0] = 1;
  const gOverN = g / n;
  const twoGOverN = (2 * g) / n;
  const oneMinusTwoGOverN = (1 - 2 * g) / n;
  for (let m = 1; m < powers; m++) {
    gPower[m] = (gPower[m - 1]! * gOverN) / m;
    twoGPower[m] = (twoGPower[m - 1]! * twoGOverN) / m;
    oneMinusTwoGPower[m] = (oneMinusTwoGPower[m - 1]! * oneMinusTwoGOverN) / m;
  }
  let previous = new Float64Array(powers);
  let current = new Float64Array(powers);
  current[0] = 1;
  let previousStart = 0;
  let currentStart = 0;
  let exponent = 0;
  let j1 = pomeranzBounds(0, n, ll, ceilf, roundf)[0];
  for (let i = 1; i < 2 * n + 2; i++) {
    const k1 = j1;
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
    current.fill(0);
    const bounds = pomeranzBounds(i, n, ll, ceilf, roundf);
    j1 = bounds[0];
    const j2 = bounds[1];
    const weights = i === 1 || i === 2 * n + 1 ? gPower : i % 2 ? twoGPower : oneMinusTwoGPower;
    const width = j2 - k1 + 1;
    if (width > 0) {
      // Entries conv_start .. conv_start + conv_len of the full convolution of
      // previous[k1 - previousStart ..][:width] with weights[:width].
      const offset = k1 - previousStart;
      const convolutionStart = j1 - k1;
      const count = j2 - j1 + 1;
      for (let index = 0; index < count; index++) {
        const at = convolutionStart + index;
        let sum = 0;
        for (let a = Math.max(0, at - width + 1); a <= Math.min(at, width - 1); a++) {
          // NumPy's slices stop at the end of the array: missing entries contribute nothing.
          if (offset + a >= previous.length || at - a >= weights.length) continue;
          sum += previous[offset + a]! * weights[at - a]!;
        }
        current[index] = sum;
      }
      let largest = -Infinity;
      for (const value of current) largest = Math.max(largest, value);
      if (largest > 0 && largest < EM128) {
        for (let index = 0; index < current.length; index++) current[index]! *= E128;
        exponent -= 128;
      }
      currentStart = previousStart + j1 - k1;
    }
  }
  let answer = current[n - currentStart]!;
  for (let m = 1; m <= n; m++) {
    if (Math.abs(answer) > E128) {
      answer *= EM128;
      exponent += 128;
    }
    answer *= m;
  }
  if (exponent !== 0) answer *= 2 ** exponent;
  return clip(answer);
}

/** The Pelz–Good approximation of P(D_n ≤ x) (SciPy `_kolmogn_PelzGood`). */
function pelzGoodCdf(n: number, x: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const z = Math.sqrt(n) * x;
  const z2 = z ** 2;
  const z3 = z ** 3;
  const z4 = z ** 4;
  const z6 = z ** 6;
  const qLog = -PI_SQUARED / 8 / z2;
  if (qLog < MIN_LOG) return 0;
  let q = Math.exp(qLog);
  const k1a = -z2;
  const k1b = PI_SQUARED / 4;
  const k2a = 6 * z6 + 2 * z4;
  const k2b = ((2 * z4 - 5 * z2) * PI_SQUARED) / 4;
  const k2c = (PI_FOUR * (1 - 2 * z2)) / 16;
  const k3d = (PI_SIX * (5 - 30 * z2)) / 64;
  const k3c = (PI_FOUR * (-60 * z2 + 212 * z4)) / 16;
  const k3b = (PI_SQUARED * (135 * z4 - 96 * z6)) / 4;
  const k3a = -30 * z6 - 90 * z ** 8;
  const terms = [0, 0, 0, 0];
  const maxK = Math.ceil((16 * z) / Math.PI);
  for (let k = maxK; k > 0; k--) {
    const m = 2 * k - 1;
    const m2 = m ** 2;
    const m4 = m ** 4;
    const m6 = m ** 6;
    const qPower = q ** (8 * k);
    const coefficients = [1, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6];
    for (let index = 0; index < 4; index++) terms[index] = terms[index]! * qPower + coefficients[index]!;
  }
  const divisors = [z, 6 * z4, 72 * z ** 7, 6480 * z ** 10];
  for (let index = 0; index < 4; index++) terms[index] = (terms[index]! * q * SQRT_2PI) / divisors[index]!;
  q = Math.exp(-PI_SQUARED / 2 / z2);
  const sqrt3z = SQRT3 * z;
  let k2Extra = 0;
  let k3Extra = 0;
  for (let k = maxK; k > 0; k--) {
    const k2 = k ** 2;
    const qPower = q ** k2;
    const kPi = Math.PI * k;
    k2Extra += k2 * qPower;
    k3Extra += (sqrt3z + kPi) * (sqrt3z - kPi) * k2 * qPower;
  }
  terms[2]! += (k2Extra * PI_SQUARED * SQRT_2PI) / (-36 * z3);
  terms[3]! += (k3Extra * PI_SQUARED * SQRT_2PI) / (216 * z6);
  let sum = 0;
  for (let index = 0; index < 4; index++) sum += terms[index]! / n ** (index / 2);
  return sum;
}

/**
 * P(D_n+ ≥ x) for the one-sided statistic (SciPy's `special.smirnov(n, x)`), by the
 * Birnbaum–Tingey sum x · Σ_{v=0}^{⌊n(1−x)⌋} C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v), or its
 * complement's few terms where SciPy uses those.
 */
export function smirnovSf(n: number, x: number): number {
  if (!(n > 0 && x >= 0 && x <= 1)) return Number.NaN;
  if (n === 1) return 1 - x;
  if (x === 0) return 1;
  if (x === 1) return 0;
  const { floor: nxFloor, alpha } = splitProduct(n, x);
  if (nxFloor === 0 || (nxFloor === 1 && alpha === 0)) {
    // x ≤ 1/n: P(D_n+ < x) = x (1 + x)^(n−1).
    return clip(1 - x * (1 + x) ** (n - 1));
  }
  if (-2 * n * x * x < CEPHES_MIN_LOG) return 0;
  if (nxFloor >= n - 1) return clip((1 - x) ** n);
  if (n > SMIRNOV_MAX_COMPUTE_N) {
    const logP = -((6 * n * x + 1) ** 2) / 18 / n;
    return clip(logP < -Math.LN2 ? Math.exp(logP) : 1 + Math.expm1(logP));
  }
  let lowerLast = n - nxFloor - (alpha === 0 ? 0 : 1);
  let upperFirst = n - nxFloor;
  // With alpha = 0 the term v = n(1 − x) belongs to neither sum.
  if (alpha === 0) {
    lowerLast -= 1;
    upperFirst += 1;
  }
  const upperTerms = n - upperFirst + 1;
  const useUpper = (upperTerms <= 1 && x < 0.5) || (n >= 10 && upperTerms <= 3 && x <= 0.5 / Math.sqrt(n));
  if (useUpper) {
    let sum = 0;
    let logBinomial = 0;
    for (let v = n; v >= upperFirst; v--) {
      sum += birnbaumTingeyTerm(n, v, nxFloor, alpha, logBinomial);
      logBinomial += Math.log(v / (n - v + 1));
    }
    return clip(1 - x * sum);
  }
  let sum = 0;
  let logBinomial = 0;
  for (let v = 0; v <= lowerLast; v++) {
    const term = birnbaumTingeyTerm(n, v, nxFloor, alpha, logBinomial);
    sum += term;
    // SciPy's early stop: the remaining terms cannot change the sum.
    if (v > 0 && v !== lowerLast && 4 * (lowerLast + 1 - v) * term < Number.EPSILON * sum) break;
    logBinomial += Math.log((n - v) / (v + 1));
  }
  return clip(x * sum);
}

/**
 * C(n, v) (x + v/n)^(v−1) (1 − x − v/n)^(n−v), with n·x = nxFloor + alpha so that both bases
 * are formed from exact integers and the small remainder alpha.
 */
function birnbaumTingeyTerm(n: number, v: number, nxFloor: number, alpha: number, logBinomial: number): number {
  const rising = (nxFloor + v + alpha) / n;
  const falling = (n - nxFloor - v - alpha) / n;
  const fallingPower = n - v;
  if (falling === 0) return fallingPower === 0 ? Math.exp(logBinomial + (v - 1) * Math.log(rising)) : 0;
  const sign = falling < 0 && fallingPower % 2 === 1 ? -1 : 1;
  return sign * Math.exp(logBinomial + (v - 1) * Math.log(rising) + fallingPower * Math.log(Math.abs(falling)));
}

/** floor(n·x) and n·x − floor(n·x), exactly (Dekker's product), as SciPy's `modNX`. */
function splitProduct(n: number, x: number): { floor: number; alpha: number } {
  const product = n * x;
  const error = twoProductError(n, x, product);
  let floor = Math.floor(product);
  let alpha = product - floor + error;
  if (alpha < 0) {
    floor -= 1;
    alpha += 1;
  }
  if (alpha >= 1) {
    floor += 1;
    alpha -= 1;
  }
  return { floor, alpha };
}

/** The rounding error of a·b = product, exactly (Veltkamp splitting). */
function twoProductError(a: number, b: number, product: number): number {
  const split = (value: number): [number, number] => {
    const c = 134217729 * value;
    const high = c - (c - value);
    return [high, value - high];
  };
  const [aHigh, aLow] = split(a);
  const [bHigh, bLow] = split(b);
  return aHigh * bHigh - product + aHigh * bLow + aLow * bHigh + aLow * bLow;
}
