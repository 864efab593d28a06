import { assertNever } from '../shared/decider';
import { conflict, notFound } from '../shared/domain-error';
import { requireId, requireText } from '../guards';
import type { DistrictCommand, RegisterDistrict, RenameDistrict } from './commands';
import type { DistrictEvent } from './events';
import type { DistrictState } from './state';

export function decideDistrict(command: DistrictCommand, state: DistrictState): DistrictEvent[] {
  switch (command.type) {
    case 'RegisterDistrict':
      return register(command, state);
    case 'RenameDistrict':
      return rename(command, state);
    default:
      return assertNever(command);
  }
}

function register(command: RegisterDistrict, state: DistrictState): DistrictEvent[] {
  if (state.status !== 'none') {
    throw conflict('DISTRICT.ALREADY_REGISTERED', `district ${command.data.districtId} is already registered`);
  }
  const districtId = requireId(command.data.districtId, 'DISTRICT.INVALID_ID', 'districtId');
  const name = requireText(command.data.name, 'DISTRICT.NAME_REQUIRED', 'name', 100);
  return [{ type: 'DistrictRegistered', data: { districtId, name } }];
}

function rename(command: RenameDistrict, state: DistrictState): DistrictEvent[] {
  if (state.status !== 'registered') {
    throw notFound('DISTRICT.NOT_FOUND', `district ${command.data.districtId} is not registered`);
  }
  const name = requireText(command.data.name, 'DISTRICT.NAME_REQUIRED', 'name', 100);
  if (name === state.name) return [];
  return [{ type: 'DistrictRenamed', data: { districtId: state.districtId, name, previousName: state.name } }];
}
