import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { AuditScope } from './audit-scope';
import { CommunityDiffHttpController } from './community-diff.http.controller';
import { CommunityHistoryHttpController } from './community-history.http.controller';
import { StreamTimelineHttpController } from './stream-timeline.http.controller';
import { UnitTimelineHttpController } from './unit-timeline.http.controller';

/** Read-only views for auditors (审计, 纪检, 组织部): timelines and history. */
@Module({
  imports: [CommandsModule],
  controllers: [StreamTimelineHttpController, CommunityHistoryHttpController, CommunityDiffHttpController, UnitTimelineHttpController],
  providers: [AuditScope],
})
export class AuditModule {}
