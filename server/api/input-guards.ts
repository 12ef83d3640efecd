/**
 * Checks every hall route runs over its raw input (params, query, body) before the route's own
 * schemas: the one place for a rule that holds for all input, such as refusing control characters
 * in any string with 400 `invalidRequest`. Add a guard to the list; registerHallRoutes runs them
 * in order after the caller is authenticated.
 */
import type { InputGuard } from './register';

export const inputGuards: InputGuard[] = [];
