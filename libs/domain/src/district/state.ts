export type DistrictState = { status: 'none' } | { status: 'registered'; districtId: string; name: string };

export const initialDistrictState = (): DistrictState => ({ status: 'none' });
