import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { ChangeNeedUrgencyHttpController } from './change-need-urgency.http.controller';
import { CloseNeedUnfulfilledHttpController } from './close-need-unfulfilled.http.controller';
import { ConfirmNeedPublicTitleHttpController } from './confirm-need-public-title.http.controller';
import { GetNeedHttpController } from './get-need.http.controller';
import { ListNeedHttpController } from './list-need.http.controller';
import { MergeNeedHttpController } from './merge-need.http.controller';
import { NeedReader } from './need-reader';
import { RejectNeedHttpController } from './reject-need.http.controller';
import { SubmitNeedHttpController } from './submit-need.http.controller';
import { WithdrawNeedHttpController } from './withdraw-need.http.controller';

const commandControllers = [
  SubmitNeedHttpController,
  ListNeedHttpController,
  ConfirmNeedPublicTitleHttpController,
  RejectNeedHttpController,
  MergeNeedHttpController,
  ChangeNeedUrgencyHttpController,
  WithdrawNeedHttpController,
  CloseNeedUnfulfilledHttpController,
];
const queryControllers = [GetNeedHttpController];

@Module({
  imports: [CommandsModule],
  controllers: [...commandControllers, ...queryControllers],
  providers: [NeedReader],
})
export class NeedsModule {}
