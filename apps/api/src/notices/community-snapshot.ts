import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { communityNoticeSettings, takeCommunitySnapshot, type CommunitySnapshot } from '@cobuild/audit';

export type { CommunitySnapshot } from '@cobuild/audit';

/** The snapshot a notice publishes and the community's notice settings (libs/audit/src/notice-snapshot.ts; the worker's notice jobs use the same). */
@Injectable()
export class CommunitySnapshots {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  take(communityId: string): Promise<CommunitySnapshot> {
    return takeCommunitySnapshot(this.store, communityId);
  }

  /** The community's settings that a notice needs (its time zone and objection period). */
  async configuration(communityId: string): Promise<{ timeZone: string; objectionPeriodWorkingDays: number }> {
    const c = await communityNoticeSettings(this.store, communityId);
    return { timeZone: c.timeZone, objectionPeriodWorkingDays: c.objectionPeriodWorkingDays };
  }
}
