import { assertNever } from '../shared/decider';
import { conflict, notFound } from '../shared/domain-error';
import { requireId, requireText } from '../guards';
import type { RegisterStreet, RenameStreet, StreetCommand } from './commands';
import type { StreetEvent } from './events';
import type { StreetState } from './state';

export function decideStreet(command: StreetCommand, state: StreetState): StreetEvent[] {
  switch (command.type) {
    case 'RegisterStreet':
      return register(command, state);
    case 'RenameStreet':
      return rename(command, state);
    default:
      return assertNever(command);
  }
}

function register(command: RegisterStreet, state: StreetState): StreetEvent[] {
  if (state.status !== 'none') {
    throw conflict('STREET.ALREADY_REGISTERED', `street ${command.data.streetId} is already registered`);
  }
  const streetId = requireId(command.data.streetId, 'STREET.INVALID_ID', 'streetId');
  const districtId = requireId(command.data.districtId, 'STREET.INVALID_ID', 'districtId');
  const name = requireText(command.data.name, 'STREET.NAME_REQUIRED', 'name', 100);
  if (command.data.districtRegistered !== true) {
    throw notFound('STREET.DISTRICT_NOT_FOUND', `district ${districtId} is not registered`, { field: 'districtId' });
  }
  return [{ type: 'StreetRegistered', data: { streetId, districtId, name } }];
}

function rename(command: RenameStreet, state: StreetState): StreetEvent[] {
  if (state.status !== 'registered') {
    throw notFound('STREET.NOT_FOUND', `street ${command.data.streetId} is not registered`);
  }
  const name = requireText(command.data.name, 'STREET.NAME_REQUIRED', 'name', 100);
  if (name === state.name) return [];
  return [{ type: 'StreetRenamed', data: { streetId: state.streetId, name, previousName: state.name } }];
}
