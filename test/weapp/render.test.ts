// The built mini-program's pages, rendered by WeChat's engine, against a real API (harness.ts).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { root, startApi, startWeapp, type Api, type Weapp } from './harness';

let api: Api;
let weapp: Weapp;
let accounts: Array<{ memberId: number; name: string; roles: string[]; branchName: string | null }>;
let secretary: { memberId: number; token: string; branchId: number };
const MIN = 60_000;
const BRANCH = '机关第一党支部';

beforeAll(async () => {
  if (!existsSync(path.join(root, 'dist', 'weapp', 'app.js'))) {
    throw new Error('dist/weapp is missing: run `npm run test:weapp` (or `npm run build:weapp`) first');
  }
  api = await startApi();
  weapp = startWeapp(api);
  accounts = (await api.call('GET', '/api/auth/demo-accounts')).accounts;
  const account = accounts.find((a) => a.roles.includes('secretary') && a.branchName === BRANCH)!;
  const token = await api.tokenOf(account.memberId);
  secretary = { memberId: account.memberId, token, branchId: (await api.call('GET', '/api/me', { token })).branch.id };
}, 150_000);
afterAll(() => api?.stop());

beforeEach(() => {
  const { device } = weapp;
  device.toasts.length = 0;
  device.modals.length = 0;
  device.navigations.length = 0;
  device.location = 'granted';
  device.onOpenSetting = () => undefined;
  device.openSettingCalls = 0;
  device.failDownloads = false;
});

/** Members of the branch with only the member role, each used by one test. */
let nextMember = 0;
function members(count: number) {
  const plain = accounts.filter((a) => a.roles.length === 1 && a.roles[0] === 'member' && a.branchName === BRANCH);
  const picked = plain.slice(nextMember, nextMember + count);
  nextMember += count;
  if (picked.length < count) throw new Error('not enough demo members');
  return picked;
}

async function signInAs(memberId: number): Promise<string> {
  const session = await api.call('POST', '/api/auth/demo', { body: { memberId } });
  weapp.signIn(session);
  return session.token;
}

async function createActivity(extra: Record<string, unknown> = {}) {
  const start = Date.now() - 5 * MIN;
  return api.call('POST', `/api/branches/${secretary.branchId}/activities`, {
    token: secretary.token,
    body: {
      type: 'theme_day',
      title: `渲染测试活动 ${Math.random().toString(16).slice(2, 6)}`,
      topic: '学习党章',
      place: '机关大楼三楼会议室',
      startsAt: new Date(start).toISOString(),
      endsAt: new Date(start + 2 * 60 * MIN).toISOString(),
      ...extra,
    },
  });
}

const display = (activityId: number) =>
  api.call('GET', `/api/activities/${activityId}/display`, { token: secretary.token });

test('login and binding: a new WeChat account binds with the invite code and lands on 首页', async () => {
  const sheet = await api.call('GET', `/api/branches/${secretary.branchId}/invite-sheet`, { token: secretary.token });
  // Not the secretary's own slip: no one issues their own invite (SELF_REVIEW).
  const newcomer = sheet.entries.find((e: { memberId: number }) => e.memberId !== secretary.memberId);
  const invite = await api.call('POST', `/api/branches/${secretary.branchId}/invites`, {
    token: secretary.token,
    body: { memberId: newcomer.memberId },
  });
  weapp.signOut();
  weapp.device.openid = 'o-render-newcomer';
  const page = await weapp.open('pages/login/index');
  await page.waitForText('首次使用，请绑定身份');
  await page.input('8 位邀请码', invite.code.toLowerCase());
  await page.tap('绑定并登录');
  await until(() => weapp.device.navigations.some((n) => n.kind === 'reLaunch' && n.url.includes('pages/index/index')));
  const session = weapp.session();
  expect(session).not.toBeNull();
  const me = await api.call('GET', '/api/me', { token: session!.token });
  expect(me.name).toBe(newcomer.name);
  page.unload();

  // The same WeChat account is recognised next time, without a code.
  weapp.signOut();
  weapp.device.navigations.length = 0;
  const again = await weapp.open('pages/login/index');
  await until(() => weapp.device.navigations.some((n) => n.kind === 'reLaunch'));
  expect(weapp.session()?.token).toBeTruthy();
  again.unload();
});

test('a subscription request: 有新答题时通知我 asks WeChat only on the tap, and the API keeps it', async () => {
  // The member bound by the test above: reminders need a WeChat binding.
  const session = weapp.session();
  expect(session).not.toBeNull();
  const asked = weapp.device.subscriptionRequests.length;
  const page = await weapp.open('pages/study/index');
  await page.waitForText('有新答题时通知我');
  expect(weapp.device.subscriptionRequests.length).toBe(asked); // never on opening a page
  await page.tap('有新答题时通知我');
  await until(() => weapp.device.subscriptionRequests.length === asked + 1);
  expect(weapp.device.subscriptionRequests.at(-1)).toEqual(['tmpl-quiz-000001']);
  const kept = async () =>
    (await api.call('GET', '/api/me/subscriptions', { token: session!.token })).items.some(
      (i: { kind: string; status: string }) => i.kind === 'new_quiz' && i.status === 'pending',
    );
  for (let tries = 0; !(await kept()); tries += 1) {
    expect(tries).toBeLessThan(200);
    await new Promise((r) => setTimeout(r, 50));
  }
  page.unload();
});

test('home: a member sees their name, points and the activities they are invited to', async () => {
  const [member] = members(1);
  const activity = await createActivity();
  await signInAs(member!.memberId);
  const page = await weapp.open('pages/index/index');
  await page.waitForText(member!.name);
  await page.waitForText(activity.title);
  page.unload();
});

test('check-in by code: typing the code on the screen checks the member in', async () => {
  const [member] = members(1);
  const activity = await createActivity();
  await signInAs(member!.memberId);
  const page = await weapp.open('packages/activities/pages/detail/index', { id: String(activity.id) });
  await page.waitForText('现场签到');
  await page.input('6 位数字', (await display(activity.id)).code);
  await page.tap('确认签到');
  await page.waitForText('签到成功');
  page.unload();
});

test('check-in by scan: the in-app scanner takes the https link and the old form; WeChat’s 扫一扫 opens the link', async () => {
  const [byLink, byOldForm, byWechatScan] = members(3);
  const activity = await createActivity();
  const { payload } = await display(activity.id);
  expect(payload).toMatch(new RegExp(`^https?://[^/]+/c/${activity.id}/[A-Za-z0-9_-]+$`));

  await signInAs(byLink!.memberId);
  weapp.device.scanResult = payload;
  const first = await weapp.open('packages/activities/pages/detail/index', { id: String(activity.id) });
  await first.waitForText('扫码签到');
  await first.tap('扫码签到');
  await first.waitForText('签到成功');
  first.unload();

  await signInAs(byOldForm!.memberId);
  const token = payload.split('/').pop()!;
  weapp.device.scanResult = `xianfeng:checkin:${activity.id}:${token}`;
  const second = await weapp.open('packages/activities/pages/detail/index', { id: String(activity.id) });
  await second.waitForText('扫码签到');
  await second.tap('扫码签到');
  await second.waitForText('签到成功');
  second.unload();

  // 扫普通链接二维码打开小程序: WeChat opens the claimed page with the link in `q`.
  await signInAs(byWechatScan!.memberId);
  const third = await weapp.open('packages/activities/pages/detail/index', {
    q: encodeURIComponent(payload),
    scancode_time: String(Math.floor(Date.now() / 1000)),
  });
  await third.waitForText('签到成功');
  third.unload();

  const roster = await display(activity.id);
  const names = roster.checkedIn.map((m: { name: string }) => m.name);
  expect(names).toEqual(expect.arrayContaining([byLink!.name, byOldForm!.name, byWechatScan!.name]));
});

test('location refused: the page offers 去设置; once allowed there, the check-in goes through', async () => {
  const [member] = members(1);
  const { latitude, longitude } = weapp.device.position;
  const activity = await createActivity({ geofence: { lat: latitude, lng: longitude, radiusM: 300 } });
  await signInAs(member!.memberId);
  weapp.device.location = 'refused';
  weapp.device.onOpenSetting = () => {
    weapp.device.location = 'granted';
  };
  const page = await weapp.open('packages/activities/pages/detail/index', { id: String(activity.id) });
  await page.waitForText('现场签到');
  await page.input('6 位数字', (await display(activity.id)).code);
  await page.tap('确认签到');
  await page.waitForText('去设置');
  expect(page.text()).toContain('书记');
  expect((await display(activity.id)).checkedIn.map((m: { name: string }) => m.name)).not.toContain(member!.name);
  await page.tap('去设置');
  expect(weapp.device.openSettingCalls).toBe(1);
  // Allowed there: the same check-in goes through by itself.
  await page.waitForText('签到成功');
  page.unload();
});

test('a quiz attempt to the result', async () => {
  const [member] = members(1);
  const pick = async (kind: string) =>
    (await api.call('GET', `/api/questions?kind=${kind}&limit=2`, { token: secretary.token })).items;
  const questions = [...(await pick('single')), ...(await pick('judge'))];
  const quiz = await api.call('POST', '/api/quizzes', {
    token: secretary.token,
    body: {
      title: '渲染测试：党章测验',
      kind: 'exam',
      branchId: secretary.branchId,
      questionIds: questions.map((q: { id: number }) => q.id),
      timeLimitMinutes: 10,
      passMark: 60,
      maxAttempts: 1,
      opensAt: new Date(Date.now() - MIN).toISOString(),
      closesAt: new Date(Date.now() + 24 * 60 * MIN).toISOString(),
    },
  });
  await signInAs(member!.memberId);
  const page = await weapp.open('packages/study/pages/attempt/index', { quizId: String(quiz.id) });
  // The start screen states the terms; the clock starts only on 开始答题.
  await page.waitForText('开始答题');
  await page.tap('开始答题');
  await page.waitForText(`第 1 / ${questions.length} 题`);
  for (let n = 1; n <= questions.length; n += 1) {
    await page.waitForText(`第 ${n} / ${questions.length} 题`);
    await page.tapSelector('xf-question__option');
    await page.waitForText(`已答 ${n} 题`);
    await page.tap(n < questions.length ? '下一题' : '交卷');
  }
  await until(() => weapp.device.navigations.some((n) => n.url.includes('pages/result/index')));
  expect(weapp.device.modals.at(-1)?.title).toBe('确认交卷');
  const url = weapp.device.navigations.find((n) => n.url.includes('pages/result/index'))!.url;
  page.unload();
  const attemptId = /attemptId=(\d+)/.exec(url)![1]!;
  const result = await weapp.open('packages/study/pages/result/index', { attemptId });
  await result.waitForText('解析');
  await result.waitForText(/\d+ 分/);
  result.unload();
});

test('volunteer with a photo: chooseMedia, upload, submit; the long confirmation is not cut', async () => {
  const [member] = members(1);
  const token = await signInAs(member!.memberId);
  weapp.device.chosenFiles = [path.join(root, 'src', 'assets', 'tab-bar', 'home.png')];
  const page = await weapp.open('packages/volunteer/pages/log/index');
  await page.waitForText('添加照片');
  await page.tap('添加照片');
  await page.waitForText('移除');
  expect(weapp.device.chooseImageCalls).toBe(0);
  await page.input('如：和平社区三号楼', '和平社区三号楼');
  await page.input('做了什么，服务了谁', '为独居老人打扫卫生');
  await page.tap('提交审核');
  // In the mini-program the new record opens, where 审核结果通知我 is offered.
  await until(() =>
    weapp.device.navigations.some((n) => n.kind === 'redirectTo' && n.url.includes('volunteer/pages/record/index')),
  );
  const confirmation = [
    ...weapp.device.toasts,
    ...weapp.device.modals.map((m) => ({ title: m.content ?? m.title, icon: 'modal' })),
  ];
  const shown = confirmation.find((t) => t.title?.includes('等待书记审核'));
  expect(shown).toBeDefined();
  // A toast with an icon shows 7 characters at most.
  for (const toast of weapp.device.toasts)
    if (toast.icon !== 'none') expect([...toast.title].length).toBeLessThanOrEqual(7);
  page.unload();
  const mine = await api.call('GET', '/api/me/volunteer', { token });
  const record = mine.records.find((r: { place: string }) => r.place === '和平社区三号楼');
  expect(record.photos).toHaveLength(1);
});

test('the ledger download opens the workbook under its real name; a failed download says so', async () => {
  weapp.signIn(await api.call('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } }));
  const page = await weapp.open('packages/dashboard/pages/index/index');
  await page.waitForText('导出台账');
  await page.tap(/^导出台账/);
  await until(() => weapp.device.openedDocuments.length > 0);
  const opened = weapp.device.openedDocuments.at(-1)!;
  expect(path.basename(opened.filePath)).toMatch(new RegExp(`^${BRANCH}台账_.+\\.xlsx$`));
  expect(readFileSync(opened.filePath).subarray(0, 2).toString('latin1')).toBe('PK');

  // The button shows its busy state until the download settles; a tap meanwhile does nothing.
  await until(() => !page.dom.querySelector('[class*="dashboard__export"][class*="xf-button--inactive"]'));
  weapp.device.failDownloads = true;
  const before = weapp.device.openedDocuments.length;
  await page.tap(/^导出台账/);
  await until(() => weapp.device.toasts.length > 0 || weapp.device.modals.length > 0);
  const told = [
    ...weapp.device.toasts.map((t) => t.title),
    ...weapp.device.modals.map((m) => `${m.title} ${m.content}`),
  ];
  expect(told.join(' ')).toMatch(/下载|导出/);
  expect(weapp.device.openedDocuments.length).toBe(before);
  page.unload();
});

test('the dashboard draws its charts on the canvas', async () => {
  weapp.signIn(await api.call('POST', '/api/auth/demo', { body: { memberId: secretary.memberId } }));
  const errors: unknown[] = [];
  const onError = (event: ErrorEvent) => errors.push(event.error ?? event.message);
  window.addEventListener('error', onError);
  const page = await weapp.open('packages/dashboard/pages/index/index');
  await page.waitForText('出席率');
  await until(
    () =>
      weapp.device.canvases.size > 0 && [...weapp.device.canvases.values()].every((c) => c.context.drawCalls() > 20),
  );
  window.removeEventListener('error', onError);
  for (const [id, { context }] of weapp.device.canvases) {
    expect({ id, draws: context.drawCalls() > 20 }).toEqual({ id, draws: true });
    expect(context.texts.length).toBeGreaterThan(0);
  }
  // Text was measured on the off-screen canvas the page passed, not on a DOM canvas.
  expect(weapp.device.offscreenCanvases.some((c) => c.calls.includes('measureText'))).toBe(true);
  expect(errors).toEqual([]);
  page.unload();
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) {
      const { toasts, modals, navigations, canvases, offscreenCanvases } = weapp.device;
      const drawn = [...canvases].map(
        ([id, c]) => `${id}: ${c.context.drawCalls()} draws of ${c.context.calls.length}`,
      );
      throw new Error(
        `condition not met in time; ${JSON.stringify({ toasts, modals, navigations, drawn, offscreen: offscreenCanvases.length })}`,
      );
    }
    await new Promise((r) => setTimeout(r, 25));
  }
}
