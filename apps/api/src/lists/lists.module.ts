import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ReadModelsModule } from '../read-models/read-models.module';

@Module({
  imports: [CommandsModule, ReadModelsModule],
  controllers: [],
  providers: [],
})
export class ListsModule {}
