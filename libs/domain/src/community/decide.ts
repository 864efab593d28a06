import { assertNever } from '../shared/decider';
import { conflict, invalid, notFound } from '../shared/domain-error';
import { requireId, requireText } from '../guards';
import type { CommunityCommand, CommunityConfigurationInput, ConfigureCommunity, RegisterCommunity, RenameCommunity } from './commands';
import type { CommunityConfiguration, CommunityEvent, NoticeFrequency } from './events';
import { DEFAULT_COMMUNITY_CONFIGURATION, type CommunityState } from './state';

const FREQUENCIES: readonly NoticeFrequency[] = ['weekly', 'monthly', 'quarterly'];
export const MAX_OBJECTION_PERIOD_WORKING_DAYS = 30;

export function decideCommunity(command: CommunityCommand, state: CommunityState): CommunityEvent[] {
  switch (command.type) {
    case 'RegisterCommunity':
      return register(command, state);
    case 'RenameCommunity':
      return rename(command, state);
    case 'ConfigureCommunity':
      return configure(command, state);
    default:
      return assertNever(command);
  }
}

function register(command: RegisterCommunity, state: CommunityState): CommunityEvent[] {
  const { data } = command;
  if (state.status !== 'none') {
    throw conflict('COMMUNITY.ALREADY_REGISTERED', `community ${data.communityId} is already registered`);
  }
  const communityId = requireId(data.communityId, 'COMMUNITY.INVALID_ID', 'communityId');
  const streetId = requireId(data.streetId, 'COMMUNITY.INVALID_ID', 'streetId');
  const name = requireText(data.name, 'COMMUNITY.NAME_REQUIRED', 'name', 100);
  if (!data.street || data.street.streetId !== streetId) {
    throw notFound('COMMUNITY.STREET_NOT_FOUND', `street ${streetId} is not registered`, { field: 'streetId' });
  }
  const districtId = requireId(data.street.districtId, 'COMMUNITY.INVALID_ID', 'street.districtId');
  const configuration = applyConfiguration(DEFAULT_COMMUNITY_CONFIGURATION, data.configuration ?? {});
  return [
    {
      type: 'CommunityRegistered',
      data: { communityId, name, streetId, districtId, configuration },
    },
  ];
}

function rename(command: RenameCommunity, state: CommunityState): CommunityEvent[] {
  const current = requireRegistered(state, command.data.communityId);
  const name = requireText(command.data.name, 'COMMUNITY.NAME_REQUIRED', 'name', 100);
  if (name === current.name) return [];
  return [{ type: 'CommunityRenamed', data: { communityId: current.communityId, name, previousName: current.name } }];
}

function configure(command: ConfigureCommunity, state: CommunityState): CommunityEvent[] {
  const current = requireRegistered(state, command.data.communityId);
  const configuration = applyConfiguration(current.configuration, command.data.configuration ?? {});
  const changed = (Object.keys(configuration) as Array<keyof CommunityConfiguration>).filter(
    (key) => configuration[key] !== current.configuration[key],
  );
  if (changed.length === 0) return [];
  return [{ type: 'CommunityConfigured', data: { communityId: current.communityId, configuration, changed } }];
}

function requireRegistered(state: CommunityState, communityId: string) {
  if (state.status !== 'registered') {
    throw notFound('COMMUNITY.NOT_FOUND', `community ${communityId} is not registered`);
  }
  return state;
}

/** Validates the given fields and overlays them on `base`. */
export function applyConfiguration(base: CommunityConfiguration, input: CommunityConfigurationInput): CommunityConfiguration {
  const next = { ...base };
  if (input.timeZone !== undefined) {
    if (!isTimeZone(input.timeZone)) {
      throw invalid('COMMUNITY.INVALID_TIME_ZONE', `unknown time zone ${String(input.timeZone)}`, { field: 'timeZone' });
    }
    next.timeZone = input.timeZone;
  }
  if (input.objectionPeriodWorkingDays !== undefined) {
    const days = input.objectionPeriodWorkingDays;
    if (typeof days !== 'number' || !Number.isInteger(days) || days < 1 || days > MAX_OBJECTION_PERIOD_WORKING_DAYS) {
      throw invalid(
        'COMMUNITY.INVALID_OBJECTION_PERIOD',
        `objection period must be a whole number of working days between 1 and ${MAX_OBJECTION_PERIOD_WORKING_DAYS}`,
        { field: 'objectionPeriodWorkingDays' },
      );
    }
    next.objectionPeriodWorkingDays = days;
  }
  if (input.noticeFrequency !== undefined) {
    if (!FREQUENCIES.includes(input.noticeFrequency)) {
      throw invalid('COMMUNITY.INVALID_NOTICE_FREQUENCY', `notice frequency must be one of ${FREQUENCIES.join(', ')}`, {
        field: 'noticeFrequency',
      });
    }
    next.noticeFrequency = input.noticeFrequency;
  }
  return next;
}

/** An IANA zone known to the runtime's ICU data (pure: no clock is read). */
function isTimeZone(zone: unknown): zone is string {
  if (typeof zone !== 'string' || zone.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
