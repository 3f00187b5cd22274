export * from './privacy.js';
export * from './subgraphs.js';
export * from './roles.js';
export * from './policy.js';
export * from './mask.js';
export * from './permits.js';
export * from './ownership.js';
export * from './entry-points.js';
