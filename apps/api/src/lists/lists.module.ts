import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ReadModelsModule } from '../read-models/read-models.module';
import { CommunityTimeZones } from './community-time-zones';
import { ListReader } from './list-reader';
import { NeedsListHttpController } from './needs-list.http.controller';
import { ResourcesListHttpController } from './resources-list.http.controller';
import { TasksListHttpController } from './tasks-list.http.controller';

/** The three lists (三张清单) read from the projections: GET /communities/{communityId}/lists/{needs,resources,tasks}. */
@Module({
  imports: [CommandsModule, ReadModelsModule],
  controllers: [NeedsListHttpController, ResourcesListHttpController, TasksListHttpController],
  providers: [ListReader, CommunityTimeZones],
})
export class ListsModule {}
