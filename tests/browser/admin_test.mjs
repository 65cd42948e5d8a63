// The back office in a real browser (headless Chromium), one demo account per step:
// demo-editor writes an item, attaches a file and submits it; demo-reviewer approves it
// (保密审查); demo-admin publishes it and the public portal finds it, with its attachment;
// demo-handler registers a request, records an event, answers it and opens the reply
// letter, and the portal's status page shows the answer for the tracking number and lookup
// code handed out at intake. Screenshots of each step go to the artifacts directory. Usage: node admin_test.mjs BASE_URL ARTIFACT_DIR
import { check, cst, iso, openSession } from './lib.mjs';

const [base, artifacts] = process.argv.slice(2);
const session = await openSession(base, artifacts, { consoleErrors: true });
const shot = session.shot;
let page = null;
// Today in China Standard Time (UTC+8 all year), as the server dates things.
const today = iso(cst());

// A fresh browser context (own cookies) signed in as `username`, whose name is shown.
async function signIn(username) {
  page = await session.signIn(username);
  check((await page.locator('header .who').textContent()).trim().length > 0, `${username}: no name shown`);
}

// Clicks the submit button of the form posting to `action` and waits for the next page.
async function submit(action) {
  await Promise.all([
    page.waitForLoadState('load'),
    page.waitForNavigation(),
    page.click(`form[action="${action}"] button[type=submit]`),
  ]);
}

async function text(selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

await session.run(async () => {
  // 0. The demo city is alive today: the handler's dashboard lists requests due soon, and a
  // due request shows its applicant (sealed with the key the server uses).
  await signIn('demo-handler');
  const dueLinks = page.locator('#due-h ~ table a[href^="/admin/requests/"]');
  check((await dueLinks.count()) > 0, `no request due on the dashboard: ${await text('main')}`);
  await shot('handler-dashboard');
  await Promise.all([page.waitForURL(/\/admin\/requests\/\d+$/), dueLinks.first().click()]);
  const applicant = await text('section[aria-labelledby="p-h"] dd');
  check(applicant.length >= 2, `no applicant name on the due request: ${await text('main')}`);
  check(!(await page.content()).includes('无法解密'), 'the applicant data does not open');
  await shot('handler-due-request');
  await page.goto(`${base}/admin/requests`);
  await shot('handler-requests');
  await signIn('demo-reviewer');
  check((await page.locator('#queue-h ~ ul a[href^="/admin/items/"]').count()) > 0,
        'nothing awaits review on the reviewer\'s dashboard');
  await shot('reviewer-dashboard');

  // 1. The editor writes a draft and submits it for review.
  await signIn('demo-editor');
  await shot('editor-dashboard');
  // The form is per body: its 栏目 come from that body's catalog.
  await page.goto(`${base}/admin/items/new?org=QXS`);
  const title = '青溪市浏览器端到端测试专项通知';
  await page.fill('#title', title);
  await page.fill('#summary', '后台浏览器测试写入的信息。');
  await page.selectOption('#category', '法定主动公开内容/通知公告');
  await page.fill('#formed_on', today);
  await page.fill('#body_md', '# 通知\n\n端到端测试的正文。');
  await shot('editor-new-item');
  await Promise.all([page.waitForNavigation(), page.click('form[method=post][action="/admin/items/new"] button[value=save]')]);
  const itemUrl = page.url();
  const itemId = (itemUrl.match(/\/admin\/items\/(\d+)$/) || [])[1];
  check(itemId, `no item page after saving: ${itemUrl} ${await text('main')}`);
  check((await text('main h1')) === title, 'the item page lacks its title');
  // An attachment larger than the server's default body limit (64 KiB): the upload route
  // gets the attachment limit.
  const pdf = Buffer.from(`%PDF-1.4\n${'%'.repeat(100 * 1024)}\n%%EOF\n`);
  await page.setInputFiles('#file', { name: '实施方案.pdf', mimeType: 'application/pdf', buffer: pdf });
  await submit(`/admin/items/${itemId}/attachments`);
  check((await text('#attachments')).includes('实施方案.pdf'), `upload: ${await text('main')}`);
  await submit(`/admin/items/${itemId}/submit`);
  check((await text('main dl.meta')).includes('待审查'), 'the item was not submitted');
  await shot('editor-submitted');

  // 2. The reviewer approves it (保密审查).
  await signIn('demo-reviewer');
  await page.goto(`${base}/admin/items/${itemId}`);
  await page.check('#approve');
  await shot('reviewer-item');
  await submit(`/admin/items/${itemId}/review`);
  check((await text('main dl.meta')).includes('审查通过'), `not approved: ${await text('main')}`);

  // 3. The admin publishes it on the website; the 索引号 is issued.
  await signIn('demo-admin');
  await page.goto(`${base}/admin/items/${itemId}`);
  check((await page.inputValue('#on')) === today, 'the publication date is not today');
  check(await page.isChecked('#ch-website'), 'the website channel is not preselected');
  await submit(`/admin/items/${itemId}/publish`);
  const meta = await text('main dl.meta');
  check(meta.includes('已发布'), `not published: ${meta}`);
  const indexNo = (meta.match(/QXS\/\d{4}-\d{5}/) || [])[0];
  check(indexNo, `no 索引号 on the published item: ${meta}`);
  await shot('admin-published');

  // 4. The public portal lists it, finds it and shows it.
  await page.goto(`${base}/`);
  check((await page.content()).includes(title), 'the home page does not list the new item');
  await page.goto(`${base}/search?q=${encodeURIComponent('端到端测试')}`);
  const hits = await page.locator('ol.hits').textContent().catch(() => '');
  check(hits.includes('浏览器') && hits.includes('专项通知'), `search does not find the item: ${hits}`);
  await shot('portal-search');
  await page.goto(`${base}/item/${itemId}`);
  const publicMeta = await text('table.meta');
  check(publicMeta.includes(indexNo), `the portal's item page lacks ${indexNo}`);
  check((await page.content()).includes('端到端测试的正文'), 'the portal lacks the body');
  // The attachment, served by the portal from the same store under its digest.
  const download = await page.request.get(`${base}/item/${itemId}/attachment/1`);
  check(download.status() === 200, `attachment download: ${download.status()}`);
  check((await download.body()).equals(pdf), 'the downloaded attachment differs');
  await shot('portal-item');

  // 5. The handler registers a request handed in person.
  await signIn('demo-handler');
  await page.goto(`${base}/admin/requests/new`);
  await page.selectOption('#org', 'QXS');
  await page.selectOption('#channel', 'in_person');
  await page.selectOption('#applicant_type', 'natural_person');
  await page.fill('#name', '后台测试申请人');
  await page.fill('#id_document', '居民身份证 430000200001010000');
  await page.fill('#contact', '13900000000');
  await page.fill('#description', '请公开浏览器端到端测试专项通知的全文');
  await page.fill('#delivery_form', '电子邮件');
  await shot('handler-intake');
  await submit('/admin/requests/new');
  const tracking = await text('#tracking-no');
  const code = await text('#lookup-code');
  check(/^\d{4}-\d{4}$/.test(tracking), `tracking number: ${tracking}`);
  check(code.length >= 10, `lookup code: ${code}`);
  await shot('handler-created');

  // An event (a note), then the answer: open, pointing at the item just published.
  await page.click('a[href^="/admin/requests/"]');
  await page.waitForLoadState('load');
  const requestPath = new URL(page.url()).pathname;
  check(/^\/admin\/requests\/\d+$/.test(requestPath), `request page: ${requestPath}`);
  check((await text('main dl.meta')).includes('办理中') || (await text('main dl.meta')).includes('已收到'),
        `state after intake: ${await text('main dl.meta')}`);
  // Each step has its own form (issue 21): open it, fill only its fields.
  await page.click('#act-note summary');
  await page.fill('#note-note', '已转业务科室检索。');
  await Promise.all([page.waitForNavigation(), page.click('#act-note button[type=submit]')]);
  check((await text('main table')).includes('已转业务科室检索。'), 'the note is not listed');
  await page.click('#act-answer summary');
  await page.selectOption('#answer-outcome', 'r1_open');
  await page.fill('#answer-published_item', indexNo);
  await page.fill('#answer-note', '予以公开。');
  // The answer leads to its reply letter's draft, printable, naming the applicant for the
  // case handler.
  await Promise.all([page.waitForURL(/\/letters\/reply$/), page.click('#act-answer button[type=submit]')]);
  const letter = await text('article.letter');
  check(letter.includes('政府信息公开申请答复告知书') && letter.includes('后台测试申请人') &&
        letter.includes(indexNo), `letter: ${letter}`);
  await shot('handler-letter');
  await page.goto(`${base}${requestPath}`);
  const answered = await text('main dl.meta');
  check(answered.includes('已答复') && answered.includes('予以公开'), `not answered: ${answered}`);
  await shot('handler-answered');

  // 6. The portal's status page, with the tracking number and the code from intake.
  await page.goto(`${base}/status`);
  await page.selectOption('#f-org', 'QXS');
  await page.fill('#f-tracking_no', tracking);
  await page.fill('#f-code', code);
  await Promise.all([page.waitForLoadState('load'), page.click('form.public-form button[type=submit]')]);
  await page.waitForSelector('#request-state');
  const state = await text('#request-state');
  check(state.includes('已答复'), `status: ${state}`);
  check(!(await page.content()).includes('后台测试申请人'), 'the applicant name is on the status page');
  await shot('portal-status');

  return `back-office flow ok (item ${itemId} ${indexNo}; request ${tracking})`;
});
