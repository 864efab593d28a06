import type { Command } from '../shared/message';

export type RegisterStreet = Command<
  'RegisterStreet',
  {
    streetId: string;
    districtId: string;
    name: string;
    /** context loaded by the command handler: is the district registered? */
    districtRegistered: boolean;
  }
>;
export type RenameStreet = Command<'RenameStreet', { streetId: string; name: string }>;

export type StreetCommand = RegisterStreet | RenameStreet;
