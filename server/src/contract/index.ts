export * from './common.js';
export * from './org.js';
export * from './points.js';
export * from './auth.js';
export * from './dashboard.js';
