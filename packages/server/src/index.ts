export { createCsHandler } from './handler.js';
export type { CsHandler, CsHandlerOptions, CsHandlerStatus } from './handler.js';
export { checkScope, scopedAccountIds, scopeKey } from './scope.js';
export type { CsScope, ScopeOf } from './scope.js';
