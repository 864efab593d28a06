/**
 * The projector in this process, when there is one (`npm start`); null in the split layout. /health
 * reads the lag from the read models' checkpoints in either case (apps/api/src/health/process-health.ts)
 * and only says `inProcess` from this.
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
