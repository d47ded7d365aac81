// ESM entry point: a thin wrapper over the CommonJS build, so both module systems share state
// (one default pool for both).
import parahash from './index.js';

export const {
  createPool, algorithms, isAlgorithm, codes,
  configureDefaultPool, closeDefaultPool, getDefaultPool,
  hash, hmac, hashMany, createHash, createHmac, hashStream, hashFile, hashFiles,
  hashSync, hashDirectory, hashDirectoryIterator,
  pbkdf2, scrypt, argon2id, argon2i, argon2d, argon2Hash, argon2Verify, argon2NeedsRehash,
  bcryptHash, bcryptVerify, verifyPassword,
} = parahash;
export default parahash;
