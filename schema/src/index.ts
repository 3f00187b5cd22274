export * from './privacy.js';
export * from './subgraphs.js';
