// Issue 21 in a real browser (headless Chromium) on the demo city:
// 1. 保密审查 cannot approve by accident: nothing is preselected; the reviewer picks 退回
//    without a reason, the page comes back (422) with 退回 still ticked; typing the reason
//    and submitting again returns the item — it is never approved; an approval that carries
//    a rejection reason is refused.
// 2. The handler's queue: /admin/requests without choosing a body or a year lists the
//    requests of every body and year in scope, open ones first by due date, coloured.
// Usage: node queues_test.mjs BASE_URL ARTIFACT_DIR
import { check, cst, iso, openSession } from './lib.mjs';

const [base, artifacts] = process.argv.slice(2);
const session = await openSession(base, artifacts);
const shot = session.shot;
let page = null;
const today = iso(cst());

async function signIn(username) {
  page = await session.signIn(username);
}

async function clickAndWait(selector) {
  const [response] = await Promise.all([page.waitForNavigation(), page.click(selector)]);
  return response;
}

async function text(selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

await session.run(async () => {
  // 1. An item submitted for review.
  await signIn('demo-editor');
  await page.goto(`${base}/admin/items/new?org=QXS`);
  const title = '青溪市审查误操作防护测试通知';
  await page.fill('#title', title);
  await page.selectOption('#category', '法定主动公开内容/通知公告');
  await page.fill('#formed_on', today);
  await clickAndWait('form[method=post][action="/admin/items/new"] button[value=save]');
  const itemPath = new URL(page.url()).pathname;
  check(/^\/admin\/items\/\d+$/.test(itemPath), `no item page: ${itemPath} ${await text('main')}`);
  await clickAndWait(`form[action="${itemPath}/submit"] button[type=submit]`);
  check((await text('main dl.meta')).includes('待审查'), 'not submitted');

  await signIn('demo-reviewer');
  await page.goto(`${base}${itemPath}`);
  check(!(await page.isChecked('#approve')) && !(await page.isChecked('#reject')),
        'a review decision is preselected');
  // 退回 without a reason: refused, and the page keeps 退回.
  await page.check('#reject');
  const refused = await clickAndWait(`form[action="${itemPath}/review"] button[type=submit]`);
  check(refused.status() === 422, `a reason-less 退回 answered ${refused.status()}`);
  check(await page.isChecked('#reject'), '退回 is no longer ticked after the refusal');
  check(!(await page.isChecked('#approve')), '通过 is ticked after the refusal');
  check((await text('#reason-err')).includes('理由'), 'no message next to the reason');
  await shot('reviewer-refused');
  // The defect's sequence: the reviewer now types the reason and submits.
  await page.fill('#reason', '正文含个人信息，请删除后重新提交。');
  await clickAndWait(`form[action="${itemPath}/review"] button[type=submit]`);
  const meta = await text('main dl.meta');
  check(meta.includes('审查退回') && !meta.includes('审查通过'), `after the reason: ${meta}`);
  check((await text('main table')).includes('正文含个人信息'), 'the reason is not on the record');
  await shot('reviewer-returned');

  // An approval carrying a rejection reason is refused by the server (a second item).
  await signIn('demo-editor');
  await page.goto(`${base}${itemPath}/edit`);
  await clickAndWait(`form[action="${itemPath}/edit"] button[value=save]`);
  await clickAndWait(`form[action="${itemPath}/submit"] button[type=submit]`);
  await signIn('demo-reviewer');
  await page.goto(`${base}${itemPath}`);
  await page.check('#approve');
  await page.fill('#reason', '其实想退回');
  const mixed = await clickAndWait(`form[action="${itemPath}/review"] button[type=submit]`);
  check(mixed.status() === 422, `an approval with a reason answered ${mixed.status()}`);
  check((await text('main dl.meta')).includes('待审查'), 'an approval with a reason went through');
  check((await page.inputValue('#reason')) === '其实想退回', 'the reason typed was lost');

  // 2. The handler's queue, without choosing a body or a year.
  await signIn('demo-handler');
  await page.goto(`${base}/admin/requests`);
  const rows = page.locator('#queue tbody tr');
  check((await rows.count()) > 0, `the queue is empty: ${await text('main')}`);
  await shot('handler-queue');
  // Open requests come first, by due class: overdue, due soon, then the rest.
  const rank = { overdue: 0, 'due-soon': 1, 'on-track': 2, stopped: 2, undated: 3, closed: 4 };
  const classes = await rows.evaluateAll((trs) => trs.map((tr) => tr.className));
  for (let i = 1; i < classes.length; ++i) {
    const a = rank[classes[i - 1]], b = rank[classes[i]];
    check(a !== undefined && b !== undefined, `unknown row class: ${classes[i - 1]} ${classes[i]}`);
    check(a <= b || (a === 2 && b === 2), `queue order: ${classes[i - 1]} before ${classes[i]}`);
  }
  // Every body and year in scope: the tracking numbers of the whole queue span both
  // years of the demo city and more than one body.
  const years = new Set();
  const bodies = new Set();
  for (const state of ['open', 'answered']) {
    for (let p = 1; p <= 40 && years.size < 2; ++p) {
      await page.goto(`${base}/admin/requests?state=${state}&page=${p}`);
      const cells = await page.locator('#queue tbody tr').evaluateAll((trs) =>
        trs.map((tr) => [tr.cells[0].textContent.trim(), tr.cells[1].textContent.trim()]));
      if (cells.length === 0) break;
      for (const [tracking, body] of cells) {
        years.add(tracking.slice(0, 4));
        bodies.add(body);
      }
    }
  }
  check(years.size >= 2, `the queue shows one year only: ${[...years]}`);
  check(bodies.size >= 2, `the queue shows one body only: ${[...bodies]}`);
  // Working days left are shown for open requests.
  await page.goto(`${base}/admin/requests?state=open`);
  const left = await page.locator('#queue tbody tr').first().locator('td').nth(4).textContent();
  check(/^-?\d+$/.test(left.trim()) || left.trim() === '—', `working days left: ${left}`);

  return `review and queue ok (item ${itemPath}; years ${[...years]}; ${bodies.size} bodies)`;
});
