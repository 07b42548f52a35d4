export { createCsHandler } from './handler.js';
export type { CsEngine, CsHandler, CsHandlerOptions, CsHandlerStatus } from './handler.js';
export type { DataSettings, LoadContext, LoadedData, RefuseOptions } from './data.js';
export { snapshotFiles } from './snapshots.js';
export type { RateLimitOptions } from './rate-limit.js';
export { checkScope, scopedAccountIds, scopeKey, ViewerRefused } from './scope.js';
export type { CsScope, ScopeOf } from './scope.js';
