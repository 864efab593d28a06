import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Principal } from '@cobuild/auth';
import { inboxKeyOf, inboxProjection, type InboxDoc, type InboxItem } from '@cobuild/projections';
import { CurrentPrincipal } from '../auth/current-principal.decorator';
import { ReadModels } from '../read-models/read-models';
import { PageQueryDto } from './view-query.dto';

/** Every grant reads only its own inbox, so any signed-in caller may ask (with none of these grants the inbox is empty). */
@ApiTags('views 记分卡与调度')
@Controller('inbox')
export class InboxHttpController {
  constructor(private readonly read: ReadModels) {}

  @Get()
  @ApiExtension('x-allowed-roles', ['authenticated'])
  @ApiBearerAuth()
  @ApiOperation({
    summary:
      "What is addressed to you, newest first: tasks assigned or reassigned to your unit or to you (member), claims confirmed or refused, your tasks gone overdue, escalations to your department or street, reminders (deadlines, ratings due before a round closes for evaluators, nothing done this year)",
  })
  @ApiOkResponse({ description: 'the items of all your unit / member / department / street grants, each with whom it is for' })
  async get(@CurrentPrincipal() principal: Principal, @Query() q: PageQueryDto) {
    const owners = principal.grants.flatMap((g): InboxDoc['owner'][] => {
      if (g.role === 'unit_contact') return [{ kind: 'unit', id: g.scope.id }];
      if (g.role === 'member') return [{ kind: 'member', id: g.scope.id }];
      if (g.role === 'department') return [{ kind: 'department', id: g.scope.id }];
      if (g.role === 'street_admin') return [{ kind: 'street', id: g.scope.id }];
      // an appointed evaluator is appointed by account (the actor id): its reminders land in its own inbox
      if (g.role === 'evaluator') return [{ kind: 'person', id: principal.accountId }];
      return [];
    });
    await this.read.waitFor(inboxProjection, q.minPosition);
    const items: Array<InboxItem & { for: InboxDoc['owner'] }> = [];
    const seen = new Set<string>();
    for (const owner of owners) {
      const key = inboxKeyOf(owner);
      if (seen.has(key)) continue;
      seen.add(key);
      const doc = await this.read.get(inboxProjection, key);
      for (const item of doc?.items ?? []) items.push({ ...item, for: owner });
    }
    items.sort((a, b) => b.position - a.position);
    const offset = q.offset ?? 0;
    return { inboxes: [...seen], total: items.length, items: items.slice(offset, offset + (q.limit ?? 50)) };
  }
}
