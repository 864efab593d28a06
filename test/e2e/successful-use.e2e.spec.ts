import { Harness, type World } from './harness';
import { needBody } from './authorization/examples/needs.examples';

/**
 * The endpoints that other tests reach only through their refusals, used successfully: each
 * answers its success status and its effect is in the log and in what the API answers after.
 */
describe('needs closed, withdrawn and merged; a community renamed (embedded store)', () => {
  let h: Harness;
  let w: World;
  let secretary: string;
  beforeAll(async () => {
    h = await Harness.start('embedded');
    w = await h.world();
    secretary = await h.as('community_secretary', w.communities[0]);
  });
  afterAll(() => h?.close());

  const aNeed = async (listed: boolean) => {
    const id = (await h.post(`/communities/${w.communities[0]}/needs`, secretary, needBody()).expect(201)).body.id as string;
    if (listed) await h.post(`/needs/${id}/list`, secretary).expect(200);
    return id;
  };
  const types = async (stream: string) => (await h.store.readStream(stream)).map((e) => e.type);

  it('withdraws a submitted need with its reason', async () => {
    const id = await aNeed(false);
    expect((await h.post(`/needs/${id}/withdraw`, secretary, { reason: '已自行解决' }).expect(200)).body.events).toEqual(['NeedWithdrawn']);
    expect((await h.get(`/needs/${id}`, secretary).expect(200)).body).toMatchObject({ status: 'withdrawn', reason: '已自行解决' });
    expect((await types(`need-${id}`)).at(-1)).toBe('NeedWithdrawn');
  });

  it('closes a listed need unfulfilled with its reason', async () => {
    const id = await aNeed(true);
    expect((await h.post(`/needs/${id}/close`, secretary, { reason: '无资源' }).expect(200)).body.events).toEqual(['NeedClosedUnfulfilled']);
    expect((await h.get(`/needs/${id}`, secretary).expect(200)).body).toMatchObject({ status: 'closed', reason: '无资源' });
  });

  it('merges a need into another', async () => {
    const [dup, into] = [await aNeed(false), await aNeed(true)];
    expect((await h.post(`/needs/${dup}/merge`, secretary, { intoNeedId: into }).expect(200)).body.events).toEqual(['NeedMerged']);
    expect((await h.get(`/needs/${dup}`, secretary).expect(200)).body).toMatchObject({ status: 'merged', mergedInto: into });
    expect((await h.get(`/needs/${into}`, secretary).expect(200)).body.status).toBe('listed');
  });

  it('renames a community (and renaming to the same name writes nothing)', async () => {
    const renamed = await h.post(`/communities/${w.communities[0]}/rename`, secretary, { name: '和平里社区' }).expect(200);
    expect(renamed.body.events).toEqual(['CommunityRenamed']);
    const [event] = (await h.store.readStream(`community-${w.communities[0]}`)).filter((e) => e.type === 'CommunityRenamed');
    expect(event.data).toMatchObject({ communityId: w.communities[0], name: '和平里社区', previousName: '社区0' });
    expect((await h.post(`/communities/${w.communities[0]}/rename`, secretary, { name: '和平里社区' }).expect(200)).body.events).toEqual([]);
  });
});
