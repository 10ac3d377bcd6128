import { resolve } from 'node:path';

/** The checkout this code runs from: `.cache/` (brokers, databases, certificates) and `deploy/` live there. */
export const REPO_ROOT = resolve(__dirname, '..', '..', '..');
