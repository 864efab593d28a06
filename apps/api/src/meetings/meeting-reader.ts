import { Inject, Injectable } from '@nestjs/common';
import { fold, meeting, notFound, street } from '@cobuild/domain';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';

/** Reads one meeting's current state from its stream, and where a street sits (for street meetings). */
@Injectable()
export class MeetingReader {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async load(meetingId: string): Promise<{ state: meeting.MeetingState; revision: number }> {
    const events = await this.store.readStream(meeting.streamName(meetingId));
    return {
      state: fold(meeting.decider, events.map((e) => ({ type: e.type, data: e.data }) as meeting.MeetingEvent)),
      revision: events.length - 1,
    };
  }

  /** the district of a registered street; STREET.NOT_FOUND otherwise */
  async streetPlace(streetId: string): Promise<{ streetId: string; districtId: string }> {
    const events = await this.store.readStream(street.streamName(streetId));
    const state = fold(street.decider, events.map((e) => ({ type: e.type, data: e.data }) as street.StreetEvent));
    if (state.status !== 'registered') throw notFound('STREET.NOT_FOUND', `Street ${streetId} is not registered`, { streetId });
    return { streetId, districtId: state.districtId };
  }
}
