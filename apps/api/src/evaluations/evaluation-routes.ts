import { evaluationRound } from '@cobuild/domain';
import type { CommandRoute } from '../commands/command-gateway';

type State = evaluationRound.EvaluationRoundState;
type Data = Readonly<Record<string, unknown>>;

const scopeOf = (state: State, data: Data): evaluationRound.RoundScope | null =>
  state.status !== 'none' ? state.scope : ((data.scope as evaluationRound.RoundScope | undefined) ?? null);

/** A community round belongs to its community; a street round to no community (its scope is the street). */
export const roundCommunity = (state: State, data: Data): string | null => {
  const scope = scopeOf(state, data);
  return scope?.level === 'community' ? scope.id : null;
};

/** A street round's scope target: its street (and district, when known). */
export const roundStreetTarget = (state: State, data: Data, districtId: string | null = null) => {
  const scope = scopeOf(state, data);
  return scope?.level === 'street' ? { streetId: scope.id, districtId } : {};
};

/** A command on an evaluation round, addressed by id. */
export function roundRoute<T extends evaluationRound.EvaluationRoundCommand['type']>(
  roundId: string,
  type: T,
  data: Extract<evaluationRound.EvaluationRoundCommand, { type: T }>['data'],
  options: Pick<CommandRoute<State, evaluationRound.EvaluationRoundCommand, evaluationRound.EvaluationRoundEvent>, 'communityOf' | 'targetOf'> = {
    communityOf: roundCommunity,
    targetOf: (s, d) => roundStreetTarget(s, d),
  },
): CommandRoute<State, evaluationRound.EvaluationRoundCommand, evaluationRound.EvaluationRoundEvent> {
  return {
    decider: evaluationRound.decider,
    streamId: evaluationRound.streamName(roundId),
    id: roundId,
    command: { type, data } as Pick<evaluationRound.EvaluationRoundCommand, 'type' | 'data'>,
    ...options,
  };
}
