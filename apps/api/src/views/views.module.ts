import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { InboxHttpController } from './inbox.http.controller';
import { MemberScorecardHttpController } from './member-scorecard.http.controller';
import { NoticeBoardHttpController } from './notice-board.http.controller';
import { ScorecardReader } from './scorecard-reader';
import { StreetDashboardHttpController } from './street-dashboard.http.controller';
import { UnitScorecardHttpController } from './unit-scorecard.http.controller';

@Module({
  imports: [CommandsModule, ReadModelsModule],
  controllers: [UnitScorecardHttpController, MemberScorecardHttpController, StreetDashboardHttpController, NoticeBoardHttpController, InboxHttpController],
  providers: [ScorecardReader],
})
export class ViewsModule {}
