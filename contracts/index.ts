/** Contracts: types and runtime schemas that cross a boundary. Imports nothing of ours outside this folder. */
export * from './citizen-kiosk';
export * from './content';
export * from './domain';
export * from './e-card';
export * from './errors';
export * from './fleet';
export * from './hall-api';
export * from './id-number';
export * from './inquiry';
export * from './kiosk-api';
export * from './money';
export * from './period';
export * from './queue-kiosk';
export * from './queue';
export * from './simulator-api';
export * from './staff-audit';
export * from './statements';
