import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { AddUnitToPairingHttpController } from './add-unit-to-pairing.http.controller';
import { AmendPairingCommitmentsHttpController } from './amend-pairing-commitments.http.controller';
import { AssignUnitHttpController } from './assign-unit.http.controller';
import { ChangeMemberHomeUnitHttpController } from './change-member-home-unit.http.controller';
import { ChangeUnitRegistrationDetailsHttpController } from './change-unit-registration-details.http.controller';
import { DeregisterUnitHttpController } from './deregister-unit.http.controller';
import { ExpirePairingHttpController } from './expire-pairing.http.controller';
import { GetMemberHttpController } from './get-member.http.controller';
import { GetPairingHttpController } from './get-pairing.http.controller';
import { GetUnitRegistrationHttpController } from './get-unit-registration.http.controller';
import { RecordMemberLeavingHttpController } from './record-member-leaving.http.controller';
import { RegisterMemberHttpController } from './register-member.http.controller';
import { RegisterUnitHttpController } from './register-unit.http.controller';
import { RegistrationReader } from './registration-reader';
import { RemoveUnitFromPairingHttpController } from './remove-unit-from-pairing.http.controller';
import { SendMemberFeedbackHttpController } from './send-member-feedback.http.controller';
import { SignPairingAgreementHttpController } from './sign-pairing-agreement.http.controller';
import { TerminatePairingHttpController } from './terminate-pairing.http.controller';
import { UpdateMemberSkillsHttpController } from './update-member-skills.http.controller';

const unitRegistrationControllers = [
  RegisterUnitHttpController,
  AssignUnitHttpController,
  ChangeUnitRegistrationDetailsHttpController,
  DeregisterUnitHttpController,
];
const memberControllers = [
  RegisterMemberHttpController,
  UpdateMemberSkillsHttpController,
  ChangeMemberHomeUnitHttpController,
  RecordMemberLeavingHttpController,
  SendMemberFeedbackHttpController,
];
const pairingControllers = [
  SignPairingAgreementHttpController,
  AddUnitToPairingHttpController,
  RemoveUnitFromPairingHttpController,
  AmendPairingCommitmentsHttpController,
  TerminatePairingHttpController,
  ExpirePairingHttpController,
];
const queryControllers = [GetUnitRegistrationHttpController, GetMemberHttpController, GetPairingHttpController];

@Module({
  imports: [CommandsModule],
  controllers: [...unitRegistrationControllers, ...memberControllers, ...pairingControllers, ...queryControllers],
  providers: [RegistrationReader],
  exports: [RegistrationReader],
})
export class RegistrationsModule {}
