import { fail } from "../errors.js";

/**
 * Coverage probability under log-normal shadowing. Self-contained numerics (no tables):
 * erfc from its positive-term series below x = 2 and its continued fraction above, good to
 * about 1e-14 relative; the normal quantile by Newton steps on that erfc.
 */

const SQRT2 = Math.SQRT2;
const TWO_OVER_SQRT_PI = 2 / Math.sqrt(Math.PI);

/** Complementary error function erfc(x) = 1 − erf(x). */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x < 0) return 2 - erfc(-x);
  if (x < 2) return 1 - erfSeries(x);
  if (x > 27) return 0; // below the smallest double
  // erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), evaluated by modified Lentz.
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 200; n++) {
    const a = n / 2;
    d = x + a * d;
    d = d === 0 ? tiny : 1 / d;
    c = x + a / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return (TWO_OVER_SQRT_PI / 2) * Math.exp(-x * x) / f;
}

/** erf(x) = 2/√π·e^{−x²}·Σ 2ⁿx^{2n+1}/(1·3·…·(2n+1)): positive terms, no cancellation. */
function erfSeries(x: number): number {
  const x2 = x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < 200; n++) {
    term *= (2 * x2) / (2 * n + 1);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return TWO_OVER_SQRT_PI * Math.exp(-x2) * sum;
}

export function erf(x: number): number {
  return 1 - erfc(x);
}

/** Gaussian tail Q(x) = P(Z > x) = ½·erfc(x/√2). */
export function qFunction(x: number): number {
  return 0.5 * erfc(x / SQRT2);
}

/** Standard normal quantile: the x with P(Z ≤ x) = p. */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) fail("INVALID_VALUE", "probability", p, "0 < p < 1");
  // Start from a logistic-style guess, then Newton on Φ(x) − p (Φ' = φ), which converges in a few steps.
  const q = Math.min(p, 1 - p);
  let x = Math.sqrt(-2 * Math.log(q));
  x = x - (2.30753 + 0.27061 * x) / (1 + 0.99229 * x + 0.04481 * x * x);
  if (p < 0.5) x = -x;
  for (let i = 0; i < 50; i++) {
    const cdf = 1 - qFunction(x);
    const err = p < 0.5 ? qFunction(-x) - p : cdf - p;
    const pdf = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    const step = err / pdf;
    x -= step;
    if (Math.abs(step) < 1e-15 * Math.max(1, Math.abs(x))) break;
  }
  return x;
}

function checkSigma(sigmaDb: number): void {
  if (!(sigmaDb > 0 && Number.isFinite(sigmaDb))) fail("INVALID_VALUE", "sigmaDb", sigmaDb, "a shadowing standard deviation > 0 dB");
}

/**
 * Probability that the signal exceeds the threshold at a place whose median signal is `marginDb`
 * above it, with log-normal shadowing of standard deviation σ: 1 − Q(M/σ).
 */
export function edgeCoverageProbability(marginDb: number, sigmaDb: number): number {
  checkSigma(sigmaDb);
  if (Number.isNaN(marginDb)) fail("NOT_FINITE", "marginDb", marginDb, "a number");
  return 1 - qFunction(marginDb / sigmaDb);
}

/** The fade margin M giving edge probability `p`: M = σ·Q⁻¹(1 − p). */
export function marginForEdgeProbability(p: number, sigmaDb: number): number {
  checkSigma(sigmaDb);
  return sigmaDb * normalQuantile(p);
}

/**
 * Jakes' area coverage (Jakes 1974, §2.5; Rappaport, Wireless Communications, eq. 4.78): the share
 * of a circular cell's area above threshold when the cell edge has margin `marginDb`, the mean
 * signal falls as 10·n·log10(d) and shadowing is log-normal with σ:
 * U = ½·[erfc(a) + exp((1 − 2ab)/b²)·erfc((1 − ab)/b)], a = −M/(σ√2), b = 10·n·log10(e)/(σ√2).
 */
export function areaCoverageProbability(o: { marginDb: number; sigmaDb: number; pathLossExponent: number }): number {
  checkSigma(o.sigmaDb);
  if (Number.isNaN(o.marginDb)) fail("NOT_FINITE", "marginDb", o.marginDb, "a number");
  if (!(o.pathLossExponent > 0 && Number.isFinite(o.pathLossExponent))) {
    fail("INVALID_VALUE", "pathLossExponent", o.pathLossExponent, "an exponent n > 0 (2 free space, 3.5–4 urban)");
  }
  const a = -o.marginDb / (o.sigmaDb * SQRT2);
  const b = (10 * o.pathLossExponent * Math.LOG10E) / (o.sigmaDb * SQRT2);
  const z = (1 - a * b) / b;
  const tail = erfc(z);
  // exp(E)·erfc(z) with E = (1 − 2ab)/b²; in log form so a huge E and a vanishing erfc do not overflow.
  const second = tail === 0 ? 0 : Math.exp((1 - 2 * a * b) / (b * b) + Math.log(tail));
  return Math.min(1, 0.5 * (erfc(a) + second));
}
