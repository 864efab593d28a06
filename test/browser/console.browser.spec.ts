import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { SqlEventStore } from '@cobuild/event-store';
import { ALL_PROJECTIONS, ProjectionEngine, ReadStore } from '@cobuild/projections';
import { startTaskFollowUps } from '../../apps/worker/src/task-follow-ups';
import { Harness, type World } from '../e2e/harness';
import { ensureConsoleBuilt, ROOT } from './built-console';

/**
 * The web console in a real browser (Debian's chromium driven by playwright-core) against the real
 * engine on PostgreSQL with the projector and the worker's task follow-ups running: a secretary records a need and a
 * pledge and forms a task from them, the unit accepts and completes it, the secretary verifies it,
 * a notice is published and the public board (no login) shows it. One scenario, in steps that
 * build on each other (one test). A JavaScript error in a page or an error on its console fails it.
 * Screenshots of each page go to a temporary folder; `npm run screenshots` (COBUILD_SCREENSHOTS_TO
 * =docs/screenshots) copies them there once the scenario has passed, so a test run never rewrites
 * the committed images.
 */
const SHOTS = mkdtempSync(join(tmpdir(), 'cobuild-shots-'));
const SHOTS_TO = process.env.COBUILD_SCREENSHOTS_TO ? join(ROOT, process.env.COBUILD_SCREENSHOTS_TO) : null;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PASSWORD = 'correct horse battery staple';
const WAIT = { timeout: 30_000 };

const describeIfBrowser = existsSync(CHROMIUM) ? describe : describe.skip;
if (!existsSync(CHROMIUM)) console.warn(`browser tests SKIPPED: no chromium at ${CHROMIUM} (.ci/run installs it with apt)`);

describeIfBrowser('the web console in a browser', () => {
  jest.setTimeout(300_000);
  let h: Harness;
  let w: World;
  let engine: ProjectionEngine;
  let followUps: Awaited<ReturnType<typeof startTaskFollowUps>>;
  let ctx: BrowserContext;
  let base: string;
  let profile: string;
  const accounts: Record<string, string> = {};
  let taskId = '';

  beforeAll(async () => {
    ensureConsoleBuilt();
    mkdirSync(SHOTS, { recursive: true });
    h = await Harness.start('postgres');
    await h.app.listen(0, '127.0.0.1');
    base = (await h.app.getUrl()).replace('[::1]', '127.0.0.1');
    engine = new ProjectionEngine(h.store as SqlEventStore, h.app.get(ReadStore), ALL_PROJECTIONS);
    await engine.start();
    followUps = await startTaskFollowUps(h.store); // the worker's follow-ups: a verified task fulfils its need
    w = await h.world();
    const add = async (name: string, display: string, role: Parameters<Harness['as']>[0], scope: string) => {
      const username = `${name}${Date.now().toString(36)}`;
      const account = await h.accounts.addAccount(username, display, PASSWORD);
      const kind = ({ community_secretary: 'community', unit_contact: 'unit', street_admin: 'street', auditor: 'district' } as Record<string, string>)[role];
      await h.accounts.grantRole(account.accountId, { role, scope: { kind, id: scope } } as never);
      accounts[name] = username;
    };
    await add('secretary', '和平社区书记', 'community_secretary', w.communities[0]);
    await add('unit', '驻区单位联络人', 'unit_contact', w.units[0]);
    await add('street', '街道党工委', 'street_admin', w.streets[0]);
    await add('auditor', '区纪委审计', 'auditor', w.districtId);
    profile = mkdtempSync(join(tmpdir(), 'cobuild-chromium-'));
    ctx = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      locale: 'zh-CN',
      timezoneId: 'Asia/Shanghai',
      viewport: { width: 1366, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
  });

  // a page's uncaught JavaScript error, an error on its console, or an API answer >= 400 fails the
  // scenario (checked after it and at its end) — except the four refusals the scenario provokes on
  // purpose to see the API's field errors next to the fields (the browser logs each as "Failed to
  // load resource"; the answer itself is checked here)
  const PROVOKED: Array<[method: string, path: RegExp]> = [
    ['POST', /\/communities\/[^/]+\/needs$/], // the need form sent empty
    ['POST', /\/tasks\/[^/]+\/complete$/], // completion without evidence
    ['POST', /\/tasks\/[^/]+\/decline$/], // declining without a reason
    ['POST', /\/evaluation-rounds\/[^/]+\/ratings$/], // a rating without a subject
  ];
  const pageErrors: string[] = [];
  beforeAll(() => {
    ctx.on('page', (page) => {
      page.on('pageerror', (e) => pageErrors.push(`page error on ${page.url()}: ${e.message}`));
      page.on('console', (m) => {
        if (m.type() === 'error' && !/^Failed to load resource: the server responded with a status of \d+/.test(m.text()))
          pageErrors.push(`console error on ${page.url()}: ${m.text()}`);
      });
      page.on('response', (r) => {
        if (r.status() < 400) return;
        const { pathname } = new URL(r.url());
        const provoked = PROVOKED.some(([method, path]) => method === r.request().method() && path.test(pathname));
        void r.text().then((body) => {
          const code = (() => { try { return JSON.parse(body).code; } catch { return null; } })();
          if (!(provoked && r.status() === 400 && code === 'VALIDATION.FAILED'))
            pageErrors.push(`${r.status()} from ${r.request().method()} ${r.url()}: ${body.slice(0, 300)}`);
        }, () => pageErrors.push(`${r.status()} from ${r.request().method()} ${r.url()}`));
      });
    });
  });
  afterEach(() => expect(pageErrors).toEqual([]));

  afterAll(async () => {
    await ctx?.close();
    await followUps?.stop();
    await engine?.stop();
    await h?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
    rmSync(SHOTS, { recursive: true, force: true });
  });

  /** a tab of its own (a token lives in the tab's sessionStorage), signed in as one account */
  async function signedIn(name: string): Promise<Page> {
    const page = await ctx.newPage();
    await page.goto(`${base}/login`);
    await page.locator('input[name=username]').fill(accounts[name]);
    await page.locator('input[name=password]').fill(PASSWORD);
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByText('欢迎').waitFor(WAIT);
    return page;
  }

  const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });

  it('a secretary forms a task from a need and a pledge; the unit accepts and completes it; the secretary verifies it; the public board shows the notice; the unit declines a second task; the street dashboard, an evaluation round and the auditor\'s views', async () => {
    const A = w.communities[0];
    const U = w.units[0];
    const login = await ctx.newPage();
    await login.goto(`${base}/login`);
    await login.getByRole('button', { name: '登录' }).waitFor(WAIT);
    await shot(login, '01-login');
    await login.close();

    // the community board: a need recorded and listed, a pledge recorded and confirmed
    const sec = await signedIn('secretary');
    await sec.goto(`${base}/board/${A}`);
    await sec.getByRole('heading', { name: '需求清单' }).waitFor(WAIT);
    const needForm = sec.getByTestId('need-form');
    await sec.getByText('+ 需求清单').click();
    await needForm.getByRole('button', { name: '提交' }).click();
    // the API's field errors appear next to the fields, and nothing typed is lost
    await needForm.locator('.field.has-error').first().waitFor(WAIT);
    expect(await needForm.locator('.field-error').count()).toBeGreaterThan(0);
    await needForm.locator('[name=title]').fill('楼道加装扶手');
    await needForm.locator('[name=description]').fill('3号楼楼道无扶手，老人上下楼困难');
    await needForm.locator('[name=category]').fill('助老');
    await needForm.locator('[name=urgency]').selectOption('urgent');
    await needForm.locator('[name=beneficiaries]').fill('3号楼老人');
    await needForm.locator('[name=requesterName]').fill('张三丰');
    await needForm.locator('[name=requesterPhone]').fill('13812345678');
    await needForm.getByRole('button', { name: '提交' }).click();
    await sec.getByTestId('need-row').filter({ hasText: '楼道加装扶手' }).filter({ hasText: '已列入' }).waitFor(WAIT);
    expect(await sec.getByTestId('need-row').filter({ hasText: '楼道加装扶手' }).innerText()).toContain('未被使用');

    await sec.getByText('+ 资源清单').click();
    const pledgeForm = sec.getByTestId('pledge-form');
    await pledgeForm.locator('[name=unitId]').fill(U);
    await pledgeForm.locator('[name=type]').selectOption('funds');
    await pledgeForm.locator('[name=description]').fill('加装扶手改造资金');
    await pledgeForm.locator('[name=quantity]').fill('20000');
    await pledgeForm.locator('[name=measure]').fill('CNY');
    await pledgeForm.locator('[name=contactName]').fill('李四');
    await pledgeForm.locator('[name=contactPhone]').fill('13900001111');
    await pledgeForm.getByRole('button', { name: '提交' }).click();
    await sec.getByTestId('resource-row').filter({ hasText: '加装扶手改造资金' }).filter({ hasText: '已列入' }).waitFor(WAIT);
    await shot(sec, '02-community-board');

    // matching: choose the need and the pledge, set 责任单位/责任人/完成时限, form the task
    await sec.goto(`${base}/matching/${A}`);
    await sec.getByTestId('match-need').filter({ hasText: '楼道加装扶手' }).locator('input[type=checkbox]').check();
    const suggestion = sec.getByTestId('match-pledge').filter({ hasText: '加装扶手改造资金' });
    await suggestion.getByTestId('allocation-qty').fill('8000');
    const formTask = sec.getByTestId('form-task');
    expect(await formTask.locator('[name=responsibleUnitId]').inputValue()).toBe(U);
    await formTask.locator('[name=description]').fill('共建单位出资，一个月内完成');
    await formTask.locator('[name=responsiblePersonName]').fill('李四');
    await formTask.locator('[name=responsiblePersonPhone]').fill('13900001111');
    await shot(sec, '03-matching');
    await formTask.getByRole('button', { name: '形成项目' }).click();
    await sec.getByTestId('task-formed').waitFor(WAIT);
    await sec.getByTestId('task-formed').getByRole('link').click();
    await sec.getByTestId('task-details').waitFor(WAIT);
    const taskUrl = sec.url();
    taskId = decodeURIComponent(taskUrl.split('/task/')[1]);
    expect(await sec.getByTestId('task-details').innerText()).toContain('待接受');

    // the unit's inbox: accept, report progress, report completion with evidence
    const unit = await signedIn('unit');
    await unit.goto(`${base}/unit/${U}`);
    const assigned = unit.getByTestId('inbox-assigned').filter({ hasText: '楼道加装扶手' });
    await assigned.waitFor(WAIT);
    await shot(unit, '04-unit-inbox');
    await assigned.getByTestId('accept').click();
    const working = unit.getByTestId('inbox-working').filter({ hasText: '楼道加装扶手' });
    await working.waitFor(WAIT);
    await working.getByText('报告进展').first().click();
    await working.getByTestId('progress-form').locator('[name=summary]').fill('材料已采购，下周施工');
    await working.getByTestId('progress-form').locator('[name=percentComplete]').fill('50');
    await working.getByTestId('progress-form').getByRole('button', { name: '报告进展' }).click();
    await working.filter({ hasText: '50%' }).waitFor(WAIT);
    await working.getByText('报告完成').first().click();
    const complete = working.getByTestId('complete-form');
    await complete.locator('[name=summary]').fill('扶手已安装完毕');
    await complete.getByRole('button', { name: '报告完成' }).click();
    await complete.locator('.field-error').first().waitFor(WAIT); // evidence is required: the API says so at the field
    await complete.locator('[name=evidenceUri]').fill('https://files.example/handrail.jpg');
    await complete.getByRole('button', { name: '报告完成' }).click();
    await unit.getByTestId('inbox-working').filter({ hasText: '楼道加装扶手' }).waitFor({ state: 'detached', timeout: 30_000 });

    // the secretary verifies it on the task page; the timeline shows every step
    await sec.goto(taskUrl);
    const verify = sec.getByTestId('verify-form');
    await verify.waitFor(WAIT);
    await verify.locator('[name=note]').fill('验收合格');
    await verify.getByRole('button', { name: '验收' }).click();
    await sec.getByTestId('task-details').filter({ hasText: '已验收' }).waitFor(WAIT);
    await sec.getByTestId('timeline').filter({ hasText: 'TaskVerified' }).waitFor(WAIT);
    const timeline = await sec.getByTestId('timeline').innerText();
    for (const type of ['TaskAccepted', 'TaskProgressReported', 'TaskCompleted', 'TaskVerified']) expect(timeline).toContain(type);
    await shot(sec, '05-task');

    // a notice is published; the public board (no login) shows it, with the objection form
    await sec.goto(`${base}/notice-board/${A}`);
    const publish = sec.getByTestId('publish-form');
    await publish.locator('[name=kind]').selectOption('completions');
    await publish.locator('[name=title]').fill('2026年项目完成情况公示');
    await publish.getByRole('button', { name: '发布公示' }).click();
    await sec.getByTestId('notice').filter({ hasText: '2026年项目完成情况公示' }).waitFor(WAIT);

    const pub = await ctx.newPage();
    await pub.goto(`${base}/notice-board/${A}`);
    const notice = pub.getByTestId('notice').filter({ hasText: '2026年项目完成情况公示' });
    await notice.waitFor(WAIT);
    expect(await notice.innerText()).toMatch(/[0-9a-f]{64}/); // the digest
    await notice.getByText('提出异议').first().click();
    await notice.getByTestId('objection-form').locator('[name=text]').fill('扶手高度是否符合标准，请说明');
    await notice.getByTestId('objection-form').locator('[name=contact]').fill('13700009999');
    await notice.getByTestId('objection-form').getByRole('button', { name: '提出异议' }).click();
    await notice.getByText('异议已提交').waitFor(WAIT);
    await notice.locator('.objection').filter({ hasText: '扶手高度' }).waitFor(WAIT);
    expect(await pub.content()).not.toContain('13700009999');
    await notice.getByText('公示时的清单').click(); // the lists as they stood at the notice's log position
    await notice.getByTestId('notice-lists').filter({ hasText: '楼道加装扶手' }).waitFor(WAIT);
    expect(await pub.content()).not.toContain('13900001111'); // the responsible person's phone is masked
    // the secretary answers the objection; the public board shows the answer
    await sec.goto(`${base}/notice-board/${A}`);
    const answer = sec.getByTestId('notice').filter({ hasText: '扶手高度' }).getByTestId('answer-form');
    await answer.locator('[name=answer]').fill('扶手高度90厘米，符合无障碍设计规范');
    await answer.getByRole('button', { name: '答复' }).click();
    await sec.getByTestId('notice').filter({ hasText: '符合无障碍设计规范' }).waitFor(WAIT);
    await pub.reload();
    await pub.getByTestId('notice').filter({ hasText: '符合无障碍设计规范' }).waitFor(WAIT);
    await pub.getByTestId('notice').first().getByText('公示时的清单').click();
    await pub.getByTestId('notice-lists').first().waitFor(WAIT);
    await shot(pub, '06-notice-board');
    await pub.goto(`${base}/notice-board/${A}?print`);
    await pub.getByTestId('notice').first().waitFor(WAIT);
    await pub.emulateMedia({ media: 'print' });
    await shot(pub, '07-notice-board-print');
    await pub.emulateMedia({ media: 'screen' });

    // the board on a phone screen, with the task verified and the need fulfilled or matched
    const phone = await ctx.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(`${base}/login`);
    await phone.locator('input[name=username]').fill(accounts.secretary);
    await phone.locator('input[name=password]').fill(PASSWORD);
    await phone.getByRole('button', { name: '登录' }).click();
    await phone.getByText('欢迎').waitFor(WAIT);
    await phone.goto(`${base}/board/${A}`);
    await phone.getByTestId('task-row').filter({ hasText: '已验收' }).waitFor(WAIT);
    await shot(phone, '08-community-board-phone');

    // English on request
    await phone.getByTestId('lang-switch').click();
    await phone.getByRole('heading', { name: 'Needs list' }).waitFor(WAIT);
    await phone.getByTestId('lang-switch').click();

    // then the unit declines a second task with a reason, the street dashboard, an evaluation round,
    // and the auditor's lists as of a date, a diff and a timeline
    expect(taskId).not.toBe('');
    {
    // a second task from the same need and what is left of the pledge; the unit declines it with a reason
    const sec0 = await signedIn('secretary');
    await sec0.goto(`${base}/board/${A}`);
    await sec0.getByTestId('need-row').filter({ hasText: '楼道加装扶手' }).filter({ hasText: '已满足' }).waitFor(WAIT); // the worker's follow-up
    await sec0.getByText('+ 需求清单').click();
    const needForm = sec0.getByTestId('need-form');
    await needForm.locator('[name=title]').fill('扶手防滑处理');
    await needForm.locator('[name=description]').fill('新装扶手较滑，雨天易打滑');
    await needForm.locator('[name=category]').fill('助老');
    await needForm.locator('[name=beneficiaries]').fill('3号楼老人');
    await needForm.locator('[name=requesterName]').fill('王大妈');
    await needForm.getByRole('button', { name: '提交' }).click();
    await sec0.getByTestId('need-row').filter({ hasText: '扶手防滑处理' }).filter({ hasText: '已列入' }).waitFor(WAIT);
    await sec0.goto(`${base}/matching/${A}`);
    await sec0.getByTestId('match-need').filter({ hasText: '扶手防滑处理' }).locator('input[type=checkbox]').check();
    await sec0.getByTestId('match-pledge').filter({ hasText: '加装扶手改造资金' }).getByTestId('allocation-qty').fill('2000');
    const second = sec0.getByTestId('form-task');
    await second.locator('[name=description]').fill('加装防滑套');
    await second.locator('[name=responsiblePersonName]').fill('李四');
    await second.getByRole('button', { name: '形成项目' }).click();
    await sec0.getByTestId('task-formed').waitFor(WAIT);
    const unit = await signedIn('unit');
    await unit.goto(`${base}/unit/${U}`);
    const offered = unit.getByTestId('inbox-assigned').filter({ hasText: '扶手防滑处理' });
    await offered.waitFor(WAIT);
    await offered.getByTestId('decline-open').click();
    await offered.getByTestId('decline-form').getByRole('button', { name: '拒绝' }).click();
    await offered.getByTestId('decline-form').locator('.field-error').first().waitFor(WAIT); // a reason is required
    await offered.getByTestId('decline-form').locator('[name=reason]').fill('超出本单位能力');
    await offered.getByTestId('decline-form').getByRole('button', { name: '拒绝' }).click();
    await unit.getByTestId('inbox-assigned').filter({ hasText: '扶手防滑处理' }).waitFor({ state: 'detached', timeout: 30_000 });

    const street = await signedIn('street');
    await street.goto(`${base}/street/${w.streets[0]}`);
    await street.getByTestId('chart-coverage').waitFor(WAIT);
    expect(await street.getByTestId('dashboard-totals').innerText()).toContain('已满足');
    await shot(street, '09-street-dashboard');

    const sec = sec0; // one tab, one sign-in (logins are limited to 5 a minute per account)
    await sec.goto(`${base}/evaluation`);
    const open = sec.getByTestId('open-round');
    await open.getByRole('button', { name: '开启评价' }).click();
    const rate = sec.getByTestId('rating-form');
    await rate.waitFor(WAIT);
    await rate.getByRole('button', { name: '提交' }).click();
    await rate.locator('.field-error').first().waitFor(WAIT); // no subject: the API names the field
    await rate.locator('[name=subject]').fill(U);
    await rate.getByRole('button', { name: '提交' }).click();
    await rate.getByText('已提交').waitFor(WAIT);
    await sec.getByRole('button', { name: '结束评价' }).click();
    await sec.getByTestId('chart-results').waitFor(WAIT);
    await shot(sec, '10-evaluation');

    const auditor = await signedIn('auditor');
    const today = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const yesterday = new Date(Date.now() + 8 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    await auditor.goto(`${base}/auditor`);
    const form = auditor.getByTestId('audit-form');
    await form.locator('[name=community]').fill(A);
    await form.locator('[name=date]').fill(today);
    await form.locator('[name=from]').fill(yesterday);
    await form.locator('[name=stream]').fill(`task-${taskId}`);
    await form.getByRole('button', { name: '查看' }).click();
    await auditor.getByTestId('as-of-lists').filter({ hasText: '楼道加装扶手' }).waitFor(WAIT);
    await auditor.getByTestId('diff').filter({ hasText: '楼道加装扶手' }).waitFor(WAIT);
    await auditor.getByTestId('timeline').filter({ hasText: 'TaskVerified' }).waitFor(WAIT);
    await shot(auditor, '11-auditor');
    }
    expect(pageErrors).toEqual([]);
    if (SHOTS_TO) {
      mkdirSync(SHOTS_TO, { recursive: true });
      cpSync(SHOTS, SHOTS_TO, { recursive: true });
    }
  });
});
