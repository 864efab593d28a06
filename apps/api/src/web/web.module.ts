import { Module } from '@nestjs/common';
import { ThrottlerStorageService } from '@nestjs/throttler';
import { NoticesModule } from '../notices/notices.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { PublicListsThrottleGuard, PUBLIC_LISTS_THROTTLE_OPTIONS, PUBLIC_LISTS_THROTTLE_STORAGE, publicListsThrottleOptions } from './public-lists-throttle.guard';
import { PublicNoticeListsHttpController } from './public-notice-lists.http.controller';

/** What the web console needs beyond the other modules' endpoints: the lists a public notice shows. */
@Module({
  imports: [NoticesModule, ReadModelsModule],
  controllers: [PublicNoticeListsHttpController],
  providers: [
    PublicListsThrottleGuard,
    { provide: PUBLIC_LISTS_THROTTLE_OPTIONS, useValue: publicListsThrottleOptions },
    { provide: PUBLIC_LISTS_THROTTLE_STORAGE, useClass: ThrottlerStorageService },
  ],
})
export class WebModule {}
