import { Module } from '@nestjs/common';
import { NoticesModule } from '../notices/notices.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { publicListsThrottle } from './public-lists-throttle.guard';
import { PublicNoticeListsHttpController } from './public-notice-lists.http.controller';

/** What the web console needs beyond the other modules' endpoints: the lists a public notice shows. */
@Module({
  imports: [NoticesModule, ReadModelsModule],
  controllers: [PublicNoticeListsHttpController],
  providers: publicListsThrottle.providers,
})
export class WebModule {}
