import { Controller, Get, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { listsAsOf, type AnsweredListName, type WholeList } from '@cobuild/audit';
import { EVENT_STORE, type EventStore } from '@cobuild/event-store';
import { instantOf } from '@cobuild/projections';
import { Public } from '../http/public.decorator';
import { NoticeReader } from '../notices/notice-reader';
import { publicListsThrottle } from './public-lists-throttle.guard';

/** the most rows of one list a notice shows (a community's lists are far smaller) */
const NOTICE_ROWS = 500;
/** notices whose lists are kept in memory (the lists as of a notice's log position never change) */
const KEPT_NOTICES = 200;

/** what a notice shows of its lists: when and from which events they were computed, and the lists */
interface NoticeLists {
  at: string;
  digest: string;
  lists: Partial<Record<AnsweredListName, WholeList<unknown>>>;
}

/** which lists a notice of each kind shows: the periodic notice all three; decisions and completions the task list */
const LISTS_OF_KIND: Record<string, AnsweredListName[]> = {
  periodic_lists: ['needs', 'resources', 'tasks'],
  meeting_decisions: ['tasks'],
  completions: ['tasks'],
  evaluation_results: [],
};

/**
 * The lists a public notice published (公示), as they stood at its log position, for the public
 * notice board and its print layout: `listsAsOf` at the notice's position and that position's
 * instant — the same document, rows, fields and order an auditor gets from the as-of lists with
 * `asOfPosition` = the notice's `logPosition`, with the same digest as the notice. Rows are the
 * list projections' own, with personal data masked (张* · 138****5678).
 */
@ApiTags('public notice board 公示栏')
@Controller('public/notices/:noticeId/lists')
export class PublicNoticeListsHttpController {
  /** by notice id and log position, least recently asked first out */
  private readonly kept = new Map<string, Promise<NoticeLists>>();

  constructor(
    private readonly notices: NoticeReader,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Public()
  @UseGuards(publicListsThrottle.guard)
  @ApiOperation({ summary: "The lists a published notice shows, exactly as they stood at the notice's log position (personal data masked)" })
  @ApiOkResponse({
    description:
      "{ noticeId, communityId, kind, position, at, digest, lists: { needs?, resources?, tasks? } } each with items (in the list's order), total and counts per status; `at`: the instant overdue and days to a deadline were computed at (when the event at `position` occurred); `digest`: of the community's events up to `position`, equal to the notice's",
  })
  async get(@Param('noticeId') noticeId: string) {
    const { view } = await this.notices.load(noticeId);
    if (!view) throw new NotFoundException({ code: 'NOTICE.NOT_FOUND', detail: `Notice ${noticeId} is not published` });
    const position = Number(view.logPosition);
    const { at, digest, lists } = await this.listsOf(noticeId, position, view.communityId, view.kind);
    return { noticeId, communityId: view.communityId, kind: view.kind, position, at, digest, lists };
  }

  /** folded from the log once per notice (an as-of fold of the community's events), then kept */
  private listsOf(noticeId: string, position: number, communityId: string, kind: string): Promise<NoticeLists> {
    const key = `${noticeId}@${position}`;
    let lists = this.kept.get(key);
    if (lists) this.kept.delete(key);
    else {
      lists = (async () => {
        const doc = await listsAsOf(this.store, communityId, position, await instantOf(this.store, position), LISTS_OF_KIND[kind] ?? []);
        const out: NoticeLists['lists'] = {};
        for (const [name, list] of Object.entries(doc.lists) as Array<[AnsweredListName, WholeList<unknown>]>)
          out[name] = { items: list.items.slice(0, NOTICE_ROWS), total: list.total, counts: list.counts };
        return { at: doc.at, digest: doc.digest, lists: out };
      })();
      // a failed fold (store unavailable) is not kept: the next request folds again
      lists.catch(() => this.kept.delete(key));
    }
    this.kept.set(key, lists);
    while (this.kept.size > KEPT_NOTICES) this.kept.delete(this.kept.keys().next().value!);
    return lists;
  }
}
