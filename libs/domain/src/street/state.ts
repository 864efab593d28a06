export type StreetState =
  | { status: 'none' }
  | { status: 'registered'; streetId: string; districtId: string; name: string };

export const initialStreetState = (): StreetState => ({ status: 'none' });
