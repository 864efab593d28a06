import { Module } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { CLOCK, systemClock } from '../../../common/src/clock';
import { CommandGateway } from './command-gateway';
import { CommunityDirectory } from './community-directory';
import { ReferenceCheck } from './reference-check';

@Module({
  providers: [
    { provide: CommandHandler, inject: [EVENT_STORE], useFactory: (store: EventStore) => new CommandHandler(store) },
    { provide: CLOCK, useValue: systemClock },
    CommunityDirectory,
    ReferenceCheck,
    CommandGateway,
  ],
  exports: [CommandGateway, CommunityDirectory, CommandHandler, CLOCK],
})
export class CommandsModule {}
