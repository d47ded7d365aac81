// ESM entry point: a thin wrapper over the CommonJS build, so both module systems share state.
import parahash from './index.js';

export const { createPool, algorithms, codes } = parahash;
export default parahash;
