/** Contracts: types and runtime schemas that cross a boundary. Imports nothing of ours outside this folder. */
export * from './certification';
export * from './domain';
export * from './e-card';
export * from './errors';
export * from './hall-api';
export * from './id-number';
export * from './kiosk-api';
export * from './money';
export * from './period';
export * from './simulator-api';
