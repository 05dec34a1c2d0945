// Property tests explore new random cases on every developer run; under CI they use one fixed seed,
// so that a red run is always reproducible and a green one is not luck. FC_SEED overrides either way.
import fc from 'fast-check';

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : process.env.CI === 'true' ? 20261127 : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });
