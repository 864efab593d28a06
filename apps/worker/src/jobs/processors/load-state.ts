import type { ProcessorContext } from '../job-processor';

/**
 * An aggregate's state as it stands now (processors check their subject before acting): the
 * handler's folded-state cache plus the stream's tail, so a long stream costs no more than a new one.
 */
export async function loadState<S>(ctx: ProcessorContext, decider: { evolve: (s: S, e: any) => S; initialState: () => S }, streamId: string): Promise<S> {
  return (await ctx.handler.load(decider, streamId)).state;
}
