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
export * from './face-challenges';
