import { Module } from '@nestjs/common';
import { CommandsModule } from '../commands/commands.module';
import { CommunitySettingsHttpController } from './community-settings.http.controller';
import { OrganisationReader } from './organisation-reader';
import { RegisterCommunityHttpController } from './register-community.http.controller';
import { RegisterDistrictHttpController } from './register-district.http.controller';
import { RegisterStreetHttpController } from './register-street.http.controller';

@Module({
  imports: [CommandsModule],
  controllers: [RegisterDistrictHttpController, RegisterStreetHttpController, RegisterCommunityHttpController, CommunitySettingsHttpController],
  providers: [OrganisationReader],
  exports: [OrganisationReader],
})
export class OrganisationsModule {}
