export * from './privacy.js';
