import type {
  EventBatchHandler,
  EventStore,
  RecordedEvent,
  SubscribeOptions,
  Subscription,
} from './event-store.port';

/**
 * A catch-up subscription over `readAll`: reads pages after the checkpoint, hands each to the
 * handler (awaiting it), and when caught up waits for a wake-up (LISTEN/NOTIFY) or a poll tick.
 * Because the store hands out positions in commit order, reading `position > checkpoint` never
 * skips an event that committed late.
 */
export class PollingSubscription implements Subscription {
  private stopped = false;
  private wake: (() => void) | null = null;
  private pendingWake = false;
  private readonly done: Promise<void>;
  private current: number;

  constructor(
    private readonly store: Pick<EventStore, 'readAll'>,
    private readonly handler: EventBatchHandler,
    private readonly options: SubscribeOptions,
    listen: (onNotify: () => void) => Promise<() => Promise<void>>,
    private readonly pollMs = 1000,
  ) {
    this.current = options.after ?? 0;
    this.done = this.run(listen);
  }

  get position(): number {
    return this.current;
  }

  /** wake the loop (a notification arrived) */
  notify(): void {
    if (this.wake) {
      const w = this.wake;
      this.wake = null;
      w();
    } else this.pendingWake = true;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.notify();
    await this.done;
  }

  private async run(listen: (onNotify: () => void) => Promise<() => Promise<void>>): Promise<void> {
    let unlisten: (() => Promise<void>) | null = null;
    try {
      unlisten = await listen(() => this.notify()).catch(() => null); // polling still works without it
      const batchSize = this.options.batchSize ?? 500;
      while (!this.stopped) {
        this.pendingWake = false;
        const page: RecordedEvent[] = await this.store.readAll({
          after: this.current,
          maxCount: batchSize,
          filter: this.options.filter,
        });
        if (this.stopped) break;
        if (page.length > 0) {
          await this.handler(page);
          this.current = page[page.length - 1].position;
          if (page.length === batchSize) continue;
        }
        this.options.onCaughtUp?.(this.current);
        if (this.pendingWake || this.stopped) continue;
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            this.wake = null;
            resolve();
          }, this.pollMs);
          this.wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
    } catch (e) {
      this.stopped = true;
      if (this.options.onError) this.options.onError(e);
    } finally {
      if (unlisten) await unlisten().catch(() => undefined);
    }
  }
}
