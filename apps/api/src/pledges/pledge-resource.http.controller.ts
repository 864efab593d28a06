import { Body, Controller, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { CommandGateway, CommandResponse } from '../commands/command-gateway';
import { Allow } from '../http/allow.decorator';
import { ApiCommandErrors } from '../http/api-errors.decorator';
import { IdParam } from '../http/id-param';
import type { AuthedRequest } from '../http/role.guard';
import { PledgeResourceDto } from './pledge.dto';
import { pledgeRoute } from './pledge-routes';
import { serverChosenId } from '../commands/server-chosen-id';

@ApiTags('pledges 资源清单')
@Controller('communities/:communityId/pledges')
export class PledgeResourceHttpController {
  constructor(private readonly commands: CommandGateway) {}

  @Post()
  @HttpCode(201)
  @Allow('community_secretary', 'community_staff', 'unit_contact')
  @ApiOperation({ summary: "Pledge a unit's resources (or record a member's skill) to a community where it is registered" })
  @ApiCommandErrors(201)
  pledge(
    @IdParam('communityId') communityId: string,
    @Body() dto: PledgeResourceDto,
    @Req() req: AuthedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<CommandResponse> {
    const pledgeId = dto.pledgeId ?? serverChosenId(req, 'pledge');
    const pledger =
      dto.pledger.kind === 'unit'
        ? { kind: 'unit' as const, unitId: dto.pledger.unitId! }
        : { kind: 'member' as const, memberId: dto.pledger.memberId!, unitId: dto.pledger.unitId ?? null };
    return this.commands.execute(req, res, pledgeRoute(pledgeId, 'PledgeResource', {
      pledgeId,
      communityId,
      pledger,
      type: dto.type,
      description: dto.description,
      capacity: { quantity: dto.capacity.quantity, measure: dto.capacity.measure },
      availability: {
        from: new Date(dto.availability.from).toISOString(),
        until: dto.availability.until ? new Date(dto.availability.until).toISOString() : null,
      },
      contact: { name: dto.contact.name, phone: dto.contact.phone ?? null },
    }));
  }
}
