import { Module } from '@nestjs/common';
import { EVENT_STORE, StreamStateCache, type EventStore } from '@cobuild/event-store';
import { CommandHandler } from '../../../common/src/commands/command-handler';
import { CLOCK, systemClock } from '../../../common/src/clock';
import { CommandGateway } from './command-gateway';
import { CommunityDirectory } from './community-directory';
import { ReferenceCheck } from './reference-check';

@Module({
  providers: [
    // one folded-state cache per process, shared by the handler and the readers on the command path
    { provide: StreamStateCache, useFactory: () => StreamStateCache.fromEnv() },
    {
      provide: CommandHandler,
      inject: [EVENT_STORE, StreamStateCache],
      useFactory: (store: EventStore, stateCache: StreamStateCache) => new CommandHandler(store, { stateCache }),
    },
    { provide: CLOCK, useValue: systemClock },
    CommunityDirectory,
    ReferenceCheck,
    CommandGateway,
  ],
  exports: [CommandGateway, CommunityDirectory, CommandHandler, StreamStateCache, CLOCK],
})
export class CommandsModule {}
