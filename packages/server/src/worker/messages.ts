/**
 * What the serving thread and its data worker say to each other (`createDataWorker`): questions with an id and
 * their replies, the worker's status of each tenant whenever a load starts or ends, and errors for the host's
 * `onError`. Errors cross the thread as plain data and are rebuilt as the classes the handler maps to statuses
 * (`RequestError` 400, `UnknownAccountError` 404, `HttpError` with its own status, anything else 500).
 */
import { RequestError, UnknownAccountError } from '@cskit/metrics';
import type { CsRequest } from '@cskit/metrics';
import type { DataSettings, TenantStatus } from '../data.js';
import { HttpError } from '../http.js';
import type { CsScope } from '../scope.js';

/** What the worker is started with (`workerData`). */
export interface WorkerSettings extends DataSettings {
  /** The host's module (a file URL): it exports `load(context)` and may export `version(tenant)`. */
  module: string;
}

/** A question to the worker, without its id. */
export type Question =
  | { type: 'answer'; tenant: string; request: CsRequest; scope: CsScope }
  | { type: 'version'; tenant: string }
  | { type: 'issues'; tenant: string }
  | { type: 'reload'; tenant: string };

export type ToWorker = Question & { id: number };

/** The serving thread's heartbeat: the worker answers at once (a worker that does not is stuck, and is replaced). */
export interface Ping {
  type: 'ping';
}

export type FromWorker =
  /** A reply to question `id`: the answer in JSON, a value, or an error. */
  | { type: 'reply'; id: number; json?: string; computeMs?: number; value?: unknown; error?: WireError }
  | { type: 'status'; tenant: string; status: TenantStatus }
  /** For the host's `onError` (a failed or refused load, an engine failure). */
  | { type: 'error'; error: WireError }
  | { type: 'pong' };

export type WireError =
  | { kind: 'request'; field: string; message: string }
  | { kind: 'unknown-account'; accountId: string }
  | { kind: 'http'; status: number; message: string; field?: string; headers: Record<string, string> }
  | { kind: 'error'; name: string; message: string; stack?: string };

/** An error as data that crosses the thread. */
export function toWire(error: unknown): WireError {
  if (error instanceof RequestError) return { kind: 'request', field: error.field, message: error.message };
  if (error instanceof UnknownAccountError) return { kind: 'unknown-account', accountId: error.accountId };
  if (error instanceof HttpError) return { kind: 'http', status: error.status, message: error.message, ...(error.field ? { field: error.field } : {}), headers: error.headers };
  if (error instanceof Error) return { kind: 'error', name: error.name, message: error.message, ...(error.stack ? { stack: error.stack } : {}) };
  return { kind: 'error', name: 'Error', message: String(error) };
}

/** The error again, of the class the handler maps to its status. */
export function fromWire(wire: WireError): Error {
  switch (wire.kind) {
    case 'request': {
      // RequestError puts the field before its message: give it the message without it.
      const prefix = `${wire.field}: `;
      return new RequestError(wire.field, wire.message.startsWith(prefix) ? wire.message.slice(prefix.length) : wire.message);
    }
    case 'unknown-account':
      return new UnknownAccountError(wire.accountId);
    case 'http':
      return new HttpError(wire.status, wire.message, wire.field, wire.headers);
    default: {
      const error = new Error(wire.message);
      error.name = wire.name;
      if (wire.stack) error.stack = wire.stack;
      return error;
    }
  }
}
