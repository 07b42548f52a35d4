/**
 * Per-viewer budgets: how many requests a viewer may make, and how much computing their answers may take, per
 * minute. Two token buckets per viewer (requests, CPU milliseconds), refilled evenly; a viewer past either gets a
 * 429 with `Retry-After` until it refills. Viewers are tracked in a map bounded by count (least recently seen go
 * first), so a flood of new identities costs memory only up to that bound.
 */
import type { CsScope } from './scope.js';

export interface RateLimitOptions {
  /** Requests a viewer may make per minute: a burst of up to this many, refilled evenly. Default 600. */
  requestsPerMinute?: number;
  /** Milliseconds of computing a viewer's answers may take per minute. Default 20,000 (a third of a core). */
  cpuMsPerMinute?: number;
  /** Who a viewer is. Default: the tenant and the scope (a CSM's book, a team, everyone). */
  viewer?: (request: Request, scope: CsScope, tenant: string) => string;
  /** Viewers tracked at most (least recently seen go first). Default 10,000. */
  maxViewers?: number;
}

interface Budget {
  requests: number;
  cpuMs: number;
  at: number;
}

const MINUTE = 60_000;

export class ViewerBudgets {
  private readonly viewers = new Map<string, Budget>();
  private readonly requestsPerMinute: number;
  private readonly cpuMsPerMinute: number;
  private readonly maxViewers: number;

  constructor(options: RateLimitOptions, private readonly now: () => number = () => performance.now()) {
    this.requestsPerMinute = options.requestsPerMinute ?? 600;
    this.cpuMsPerMinute = options.cpuMsPerMinute ?? 20_000;
    this.maxViewers = options.maxViewers ?? 10_000;
  }

  /** The viewer's budget refilled to now (and marked most recently seen). */
  private budget(viewer: string): Budget {
    const now = this.now();
    let budget = this.viewers.get(viewer);
    if (budget) {
      this.viewers.delete(viewer);
      const elapsed = now - budget.at;
      budget.requests = Math.min(this.requestsPerMinute, budget.requests + (elapsed * this.requestsPerMinute) / MINUTE);
      budget.cpuMs = Math.min(this.cpuMsPerMinute, budget.cpuMs + (elapsed * this.cpuMsPerMinute) / MINUTE);
      budget.at = now;
    } else {
      budget = { requests: this.requestsPerMinute, cpuMs: this.cpuMsPerMinute, at: now };
      if (this.viewers.size >= this.maxViewers) this.viewers.delete(this.viewers.keys().next().value as string);
    }
    this.viewers.set(viewer, budget);
    return budget;
  }

  /** Takes one request from the viewer's budget; the seconds to wait when there is none (or its CPU is spent). */
  take(viewer: string): number | null {
    const budget = this.budget(viewer);
    if (budget.cpuMs < 0) return Math.ceil((-budget.cpuMs * MINUTE) / this.cpuMsPerMinute / 1000);
    if (budget.requests < 1) return Math.ceil(((1 - budget.requests) * MINUTE) / this.requestsPerMinute / 1000);
    budget.requests -= 1;
    return null;
  }

  /** Charges computing time to the viewer (after the answer: the next request pays for an overdraft). */
  charge(viewer: string, cpuMs: number): void {
    const budget = this.viewers.get(viewer);
    if (budget) budget.cpuMs -= cpuMs;
  }
}
