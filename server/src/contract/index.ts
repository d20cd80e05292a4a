export * from './common.js';
export * from './org.js';
export * from './points.js';
export * from './auth.js';
export * from './quiz.js';
export * from './volunteer.js';
export * from './rankings.js';
export * from './points-review.js';
