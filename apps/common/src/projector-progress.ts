/**
 * How far the projector in this process has read the log (null: no projector runs here — in
 * production it is its own process and reports its lag in its own logs and metrics).
 */
export class ProjectorProgress {
  private source: { readonly position: number; readonly secondsBehind?: number } | null = null;

  attach(source: { readonly position: number; readonly secondsBehind?: number }): void {
    this.source = source;
  }

  get position(): number | null {
    return this.source ? this.source.position : null;
  }

  /** seconds since the projector last caught up (0 when idle at the head) */
  get secondsBehind(): number | null {
    return this.source ? (this.source.secondsBehind ?? 0) : null;
  }
}
