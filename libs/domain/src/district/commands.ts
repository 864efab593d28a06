import type { Command } from '../shared/message';

export type RegisterDistrict = Command<'RegisterDistrict', { districtId: string; name: string }>;
export type RenameDistrict = Command<'RenameDistrict', { districtId: string; name: string }>;

export type DistrictCommand = RegisterDistrict | RenameDistrict;
