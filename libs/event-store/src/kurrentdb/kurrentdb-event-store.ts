export const KurrentDbEventStore: any = null;
