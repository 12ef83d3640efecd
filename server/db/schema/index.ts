/** The hall server's Drizzle schema (names from GLOSSARY.md). */
export * from './enums';
export * from './org';
export * from './people';
export * from './insurance';
export * from './services';
export * from './face';
export * from './content';
export * from './activity';
export * from './queue';
export * from './statements';
export * from './updates';
export * from './appointments';
export * from './notices';
export * from './terminal-keys';
export * from './payment';
export * from './face-challenges';
