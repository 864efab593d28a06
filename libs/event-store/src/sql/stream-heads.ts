/**
 * The last revision and hash seen per stream (bounded, least recently used out). Only a hint: the
 * append function checks it against the stream row under lock and computes the chain itself when
 * the hint is stale.
 */
export class StreamHeads {
  private readonly map = new Map<string, { revision: number; hash: string }>();

  constructor(private readonly capacity: number) {}

  get(streamId: string): { revision: number; hash: string } | undefined {
    const head = this.map.get(streamId);
    if (head) {
      this.map.delete(streamId);
      this.map.set(streamId, head);
    }
    return head;
  }

  remember(streamId: string, revision: number, hash: string): void {
    const known = this.map.get(streamId);
    if (known && known.revision > revision) return;
    this.map.delete(streamId);
    this.map.set(streamId, { revision, hash });
    if (this.map.size > this.capacity) this.map.delete(this.map.keys().next().value as string);
  }

  forget(streamId: string): void {
    this.map.delete(streamId);
  }
}
