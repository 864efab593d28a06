import { addWorkingDays, SHIPPED_ARRANGEMENTS } from '../../libs/domain/src/calendar';
import { CLOCK, type Clock } from '../../apps/common/src/clock';
import { holidayCalendarInForce } from '../../apps/common/src/holiday-calendar';
import { Harness, type World } from './harness';

/** a 2028 arrangement as a district admin would record it (dates for the test, not the real notice) */
const y2028 = {
  holidays: ['2028-01-01', '2028-01-02', '2028-01-03', '2028-10-01', '2028-10-02', '2028-10-03', '2028-10-04', '2028-10-05', '2028-10-06', '2028-10-07'],
  makeUpWorkdays: ['2028-10-08'],
  status: 'official',
  source: '国务院办公厅关于2028年部分节假日安排的通知（test）',
};

describe('the holiday calendar over HTTP: the end of a known year, and a district admin extending it', () => {
  let h: Harness;
  let w: World;
  let admin: string;
  let secretary: string;
  const put = (year: string, body: unknown, token = admin) => h.http().put(`/districts/${w.districtId}/holiday-calendar/${year}`).set('Authorization', `Bearer ${token}`).send(body as object);
  const publish = () => h.post(`/communities/${w.communities[0]}/notices`, secretary, { kind: 'periodic_lists', title: '2027年12月三张清单公示' });

  beforeAll(async () => {
    h = await Harness.start('postgres');
    w = await h.world();
    admin = await h.as('district_admin', w.districtId);
    secretary = await h.as('community_secretary', w.communities[0]);
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    await h.close();
  });

  it('lists the shipped years: 2026 official, 2027 expected (to be confirmed)', async () => {
    const res = await h.get('/holiday-calendar', null).expect(200);
    expect(res.body.knownYears).toEqual([2026, 2027]);
    expect(res.body.years.map((y: { year: number; status: string; origin: string }) => [y.year, y.status, y.origin])).toEqual([
      [2026, 'official', 'shipped'],
      [2027, 'expected', 'shipped'],
    ]);
  });

  it('refuses a notice whose objection period would run into 2028 (409 naming the year), then counts it once 2028 is recorded', async () => {
    // Mon 27 Dec 2027, 10:00 in Shanghai: 5 working days reach into January 2028
    const now = new Date('2027-12-27T02:00:00Z');
    jest.spyOn(h.app.get<Clock>(CLOCK), 'now').mockReturnValue(now);

    const refused = await publish().expect(409);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ code: 'CALENDAR.YEAR_NOT_KNOWN' });
    expect(JSON.stringify(refused.body)).toMatch(/2028/);

    const before = await h.store.headPosition();
    const recorded = await put('2028', y2028).expect(200);
    expect(recorded.body).toMatchObject({ events: ['HolidayArrangementRecorded'] });
    // the same arrangement again changes nothing
    expect((await put('2028', y2028).expect(200)).body.events).toEqual([]);
    expect((await h.get('/holiday-calendar', null).expect(200)).body.knownYears).toEqual([2026, 2027, 2028]);

    const res = await publish().expect(201);
    const [published] = await h.store.readStream(`notice-${res.body.id}`);
    // Tue 28, Wed 29, Thu 30, Fri 31, (Sat 1 – Mon 3 Jan 2028 off by the recorded data) Tue 4 → 5 Jan 00:00 in Shanghai
    expect(published.data.objectionPeriodEndsAt).toBe('2028-01-04T16:00:00.000Z');

    // as of a position before the recording, the calendar in force had no 2028
    expect((await holidayCalendarInForce(h.store, { position: before })).years).toEqual([2026, 2027]);
    expect((await holidayCalendarInForce(h.store)).years).toEqual([2026, 2027, 2028]);
  });

  it('confirms the expected 2027 with the official one, and refuses an expected one over it', async () => {
    const official = { ...SHIPPED_ARRANGEMENTS[1], status: 'official', source: '国办发明电〔2026〕x号 (test)' };
    const { year: _year, ...body } = official;
    await put('2027', body).expect(200);
    const years = (await h.get('/holiday-calendar', null).expect(200)).body.years as Array<{ year: number; status: string; origin: string }>;
    expect(years.find((y) => y.year === 2027)).toMatchObject({ status: 'official', origin: 'recorded' });
    const res = await put('2027', { ...body, status: 'expected' }).expect(409);
    expect(res.body.code).toBe('CALENDAR.OFFICIAL_RECORDED');
  });

  it('answers bad input with 400 naming the field and the rule, and other roles with 403', async () => {
    const year = await put('20x8', y2028).expect(400);
    expect(JSON.stringify(year.body)).toMatch(/year/);
    const weekday = await put('2029', { ...y2028, holidays: ['2029-01-01'], makeUpWorkdays: ['2029-01-03'] }).expect(400);
    expect(weekday.body).toMatchObject({ code: 'CALENDAR.MAKE_UP_NOT_WEEKEND' });
    const outside = await put('2029', { ...y2028 }).expect(400);
    expect(outside.body).toMatchObject({ code: 'CALENDAR.DATE_OUTSIDE_YEAR' });
    const malformed = await put('2029', { ...y2028, holidays: ['1 Jan 2029'] }).expect(400);
    expect(JSON.stringify(malformed.body)).toMatch(/holidays/);
    await put('2029', { ...y2028, holidays: ['2029-01-01'], makeUpWorkdays: [] }, secretary).expect(403);
  });
});
