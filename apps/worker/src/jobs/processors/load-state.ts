import { fold } from '@cobuild/domain';
import type { ProcessorContext } from '../job-processor';

/** An aggregate's state as it stands now, folded from its stream (processors check their subject before acting). */
export async function loadState<S>(ctx: ProcessorContext, decider: { evolve: (s: S, e: any) => S; initialState: () => S }, streamId: string): Promise<S> {
  const events = await ctx.store.readStream(streamId);
  return fold(decider, events.map((e) => ({ type: e.type, data: e.data })) as never);
}
