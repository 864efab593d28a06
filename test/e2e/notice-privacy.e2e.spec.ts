import { Harness, type World } from './harness';
import { needBody } from './authorization/examples/needs.examples';
import { assignment } from './authorization/examples/workflow-fixtures';

/**
 * Public notices do not leak personal data in free text: a need whose title names a person
 * ("困难户张某某") or whose description carries a phone is listed only once the secretary has
 * confirmed a public title (NEED.PUBLIC_TITLE_REQUIRED before, nothing appended), and the public
 * board and the notice's lists show the public title and masked text, never the originals.
 */
describe('personal data in public notices, over HTTP (real store, real auth)', () => {
  let h: Harness;
  let w: World;
  let secretary: string;
  let A: string;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    A = w.communities[0];
    secretary = await h.as('community_secretary', A);
  });
  afterAll(() => h.close());

  const TITLE = '微心愿：困难户张某某需要轮椅';
  const PHONE = '13912345678';
  const ID_NUMBER = '11010519491231002X';

  it('refuses to list until the secretary confirms a public title, then publishes only masked text', async () => {
    const needId = (
      await h
        .post(`/communities/${A}/needs`, secretary, needBody({ source: 'micro_wish', title: TITLE, description: `家住2单元501室，联系电话${PHONE}，身份证${ID_NUMBER}` }))
        .expect(201)
    ).body.id;

    const head = await h.store.headPosition();
    const refused = await h.post(`/needs/${needId}/list`, secretary).expect(409);
    expect(refused.body).toMatchObject({ code: 'NEED.PUBLIC_TITLE_REQUIRED', details: { personalData: ['id_card', 'mobile', 'name', 'room'] } });
    expect(await h.store.headPosition()).toBe(head);
    const own = await h.get(`/needs/${needId}`, secretary).expect(200);
    expect(own.body).toMatchObject({ title: TITLE, publicTitle: null, personalData: ['id_card', 'mobile', 'name', 'room'] });
    // a unit contact of the community reads the need without the personal data
    const asUnit = (await h.get(`/needs/${needId}`, await h.as('unit_contact', w.units[0])).expect(200)).body;
    expect(asUnit.title).toBe('微心愿：困难户*某某需要轮椅');
    expect(JSON.stringify(asUnit)).not.toContain(PHONE);

    // the public title must hold no personal data itself; only the secretary confirms it
    const bad = await h.post(`/needs/${needId}/public-title`, secretary, { publicTitle: `为张某某送轮椅 ${PHONE}` }).expect(400);
    expect(bad.body).toMatchObject({ code: 'NEED.PUBLIC_TITLE_HAS_PERSONAL_DATA', errors: [{ field: 'publicTitle' }] });
    await h.post(`/needs/${needId}/public-title`, await h.as('community_staff', A), { publicTitle: '微心愿：为困难户送轮椅' }).expect(403);
    const confirmed = await h.post(`/needs/${needId}/public-title`, secretary, { publicTitle: '微心愿：为困难户送轮椅' }).expect(200);
    expect(confirmed.body.events).toEqual(['NeedPublicTitleConfirmed']);
    await h.post(`/needs/${needId}/list`, secretary).expect(200);

    // a task whose title and reports carry personal data, and a need without any, listed as before
    const plain = (await h.post(`/communities/${A}/needs`, secretary, needBody()).expect(201)).body.id;
    await h.post(`/needs/${plain}/list`, secretary).expect(200);
    const taskId = (
      await h
        .post(`/communities/${A}/tasks`, secretary, { title: `为张某某送轮椅（联系${PHONE}）`, description: '共建单位捐赠', needIds: [needId], assignment: assignment(w.units[0]) })
        .expect(201)
    ).body.id;

    const noticeId = (await h.post(`/communities/${A}/notices`, secretary, { kind: 'periodic_lists', title: `2026年12月公示（咨询${PHONE}）` }).expect(201)).body.id;
    await h.post(`/public/notices/${noticeId}/objections`, null, { text: `我是3-2-501的住户，电话${PHONE}，张某某不是困难户` }).expect(201);

    const lists = (await h.get(`/public/notices/${noticeId}/lists`, null).expect(200)).body.lists;
    const needRow = lists.needs.items.find((n: { id: string }) => n.id === needId);
    expect(needRow.title).toBe('微心愿：为困难户送轮椅');
    expect(lists.needs.items.find((n: { id: string }) => n.id === plain).title).toBe('3号楼加装扶手');
    expect(lists.tasks.items.find((t: { id: string }) => t.id === taskId).title).toBe('为*某某送轮椅（联系139****5678）');
    const board = (await h.get(`/public/notices/${noticeId}`, null).expect(200)).body;
    expect(board.title).toBe('2026年12月公示（咨询139****5678）');
    expect(board.objections[0].text).toBe('我是*-*-***的住户，电话139****5678，*某某不是困难户');
    const everything = JSON.stringify([lists, board, (await h.get(`/public/communities/${A}/notices`, null).expect(200)).body]);
    for (const leak of [PHONE, ID_NUMBER, '张某某', '501室']) expect(everything).not.toContain(leak);

    // the community's own view keeps what was written (to call back)
    expect((await h.get(`/notices/${noticeId}`, secretary).expect(200)).body.objections[0].text).toContain(PHONE);
  });
});
