/**
 * Tenants: each host customer's data apart (its own load, reload, data version and scoped engines), so one process
 * can serve many customers' admin panels and no answer crosses from one tenant's data to another's. Tenants are
 * kept within a count and a memory budget: when their prepared data together holds more than `memoryBudgetBytes`,
 * the least recently asked tenants let their data go (their next request loads it again).
 */
import { dataOptions, TenantData, type DataOptions, type DataSettings } from './data.js';

export class Tenants {
  private readonly tenants = new Map<string, TenantData>();

  private readonly options: DataOptions;
  private readonly maxTenants: number;
  private readonly memoryBudgetBytes: number;
  private readonly timer: ReturnType<typeof setInterval> | null;

  /** The tenants of a host's settings (each with its default) and its loader; `reloadEveryMs` starts the reload timer. */
  constructor(settings: DataSettings, host: Parameters<typeof dataOptions>[1]) {
    this.maxTenants = settings.maxTenants ?? 100;
    this.memoryBudgetBytes = settings.memoryBudgetBytes ?? 4 * 2 ** 30;
    // Every load that ends (a first load too, not only a reload the host asked for) brings the tenants within budget.
    this.options = dataOptions(settings, {
      ...host,
      onChange: (tenant) => {
        host.onChange?.(tenant);
        if (this.tenants.get(tenant)?.status().loading === false) this.enforceBudget(tenant);
      },
    });
    this.timer = settings.reloadEveryMs ? setInterval(() => void this.reloadLoaded(), settings.reloadEveryMs) : null;
    (this.timer as { unref?: () => void } | null)?.unref?.();
  }

  /** Reloads every tenant that has data, one after another (the reload timer's work). */
  private async reloadLoaded(): Promise<void> {
    for (const data of [...this.tenants.values()]) if (data.current) await data.reload();
  }

  /** The tenant's data (created on first use; most recently used). */
  get(tenant: string): TenantData {
    let data = this.tenants.get(tenant);
    if (data) {
      this.tenants.delete(tenant);
    } else {
      data = new TenantData(tenant, this.options);
      if (this.tenants.size >= this.maxTenants) this.evict(this.tenants.keys().next().value as string);
    }
    this.tenants.set(tenant, data);
    return data;
  }

  /** The tenant's data if it exists, without making it the most recently used. */
  peek(tenant: string): TenantData | undefined {
    return this.tenants.get(tenant);
  }

  /** Lets the least recently used tenants' data go while all of them hold more than the budget (never `keep`'s). */
  enforceBudget(keep: string): void {
    let total = 0;
    for (const data of this.tenants.values()) total += data.status().memoryBytes;
    for (const [tenant, data] of this.tenants) {
      if (total <= this.memoryBudgetBytes) break;
      if (tenant === keep || !data.current) continue;
      total -= data.status().memoryBytes;
      data.drop();
    }
  }

  private evict(tenant: string): void {
    this.tenants.get(tenant)?.close();
    this.tenants.delete(tenant);
  }

  close(): void {
    if (this.timer) clearInterval(this.timer);
    for (const data of this.tenants.values()) data.close();
  }
}
