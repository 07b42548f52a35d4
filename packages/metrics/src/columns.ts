/** Growable typed columns for per-account results (movements) before they become rows. */

export class IntColumn {
  values = new Int32Array(64);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Int32Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }
  at(row: number): number {
    return this.values[row] as number;
  }
}

export class FloatColumn {
  values = new Float64Array(64);
  length = 0;
  push(value: number): void {
    if (this.length === this.values.length) {
      const next = new Float64Array(this.values.length * 2);
      next.set(this.values);
      this.values = next;
    }
    this.values[this.length++] = value;
  }
  at(row: number): number {
    return this.values[row] as number;
  }
}
