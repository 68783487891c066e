/**
 * Property tests draw new cases on every run, which is how they find what no one thought to write
 * down. With FC_SEED set (.ci/run sets it), every property runs from that seed instead, so that a
 * run can be repeated case for case: a failure found elsewhere is kept as an `examples` entry of its test.
 */
import fc from "fast-check";

const seed = process.env.FC_SEED;
if (seed !== undefined && seed !== "") {
  const value = Number(seed);
  if (!Number.isSafeInteger(value)) throw new Error(`FC_SEED must be a whole number, not ${JSON.stringify(seed)}`);
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed: value });
}
