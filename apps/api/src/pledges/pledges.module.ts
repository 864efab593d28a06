import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ConfirmPledgeHttpController } from './confirm-pledge.http.controller';
import { GetPledgeHttpController } from './get-pledge.http.controller';
import { PledgeReader } from './pledge-reader';
import { PledgeResourceHttpController } from './pledge-resource.http.controller';
import { RejectPledgeHttpController } from './reject-pledge.http.controller';
import { WithdrawPledgeHttpController } from './withdraw-pledge.http.controller';

const commandControllers = [
  PledgeResourceHttpController,
  ConfirmPledgeHttpController,
  RejectPledgeHttpController,
  WithdrawPledgeHttpController,
];
const queryControllers = [GetPledgeHttpController];

/** 资源清单: pledges of units and members. ExpirePledge is a system command (worker), not an endpoint. */
@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [PledgeReader],
  exports: [PledgeReader],
})
export class PledgesModule {}
