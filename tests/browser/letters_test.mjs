// Letters of a request in a real browser (issue 21): demo-handler registers a request,
// tells the applicant to correct it (refused without a deadline), issues the 补正告知书
// (GB/T 9704 layout: centred title, right-aligned signature), the applicant reads what to
// correct and by when on /status (code typed in lower case with spaces) and opens the
// notice; the handler records the correction, answers 部分公开 (refused without reasons),
// issues the 答复书 with the reasons and legal basis, and the applicant downloads it — and
// cannot fetch a letter of another request. Usage: node letters_test.mjs BASE_URL ARTIFACT_DIR
import { readFile } from 'node:fs/promises';
import { check, cst, iso, openSession } from './lib.mjs';

const [base, artifacts] = process.argv.slice(2);
const session = await openSession(base, artifacts, { acceptDownloads: true });
const shot = session.shot;
let page = null;

// Dates as the server has them (China Standard Time, UTC+8 all year).
const chinese = (d) => `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
const deadline = cst(15);

async function fresh() {
  page = await session.fresh();
}

async function signIn(username) {
  page = await session.signIn(username);
}

async function text(selector) {
  return (await page.locator(selector).first().textContent()).trim();
}

// Submits the form of action `code` on the request page and waits for the answer.
async function act(code) {
  await Promise.all([page.waitForLoadState('load'), page.waitForNavigation(),
    page.click(`#act-${code} button[type=submit]`)]);
}

// The applicant's status page for the request, the code typed loosely.
async function lookUp(tracking, code) {
  await fresh();
  await page.goto(`${base}/status`);
  await page.selectOption('#f-org', 'QXS');
  await page.fill('#f-tracking_no', ` ${tracking} `);
  const loose = code.toLowerCase().replace(/(....)/g, '$1 ').trim();
  await page.fill('#f-code', loose);
  await Promise.all([page.waitForLoadState('load'), page.click('form.public-form button[type=submit]')]);
  await page.waitForSelector('#request-state');
}

await session.run(async () => {
  // 1. A request handed in person.
  await signIn('demo-handler');
  await page.goto(`${base}/admin/requests/new`);
  await page.selectOption('#org', 'QXS');
  await page.selectOption('#channel', 'in_person');
  await page.selectOption('#applicant_type', 'natural_person');
  await page.fill('#name', '文书测试申请人');
  await page.fill('#id_document', '居民身份证 430000200001010001');
  await page.fill('#contact', '13900000001');
  await page.fill('#description', '请公开本机关去年的有关文件');
  await Promise.all([page.waitForNavigation(), page.click('form[action="/admin/requests/new"] button[type=submit]')]);
  const tracking = await text('#tracking-no');
  const code = await text('#lookup-code');
  await page.click('a[href^="/admin/requests/"]');
  await page.waitForLoadState('load');
  const requestPath = new URL(page.url()).pathname;
  check(/^\/admin\/requests\/\d+$/.test(requestPath), `request page: ${requestPath}`);
  // Only what the state allows: no 收到补正 or 视为放弃 before a 补正 notice.
  check(await page.locator('#act-correction_requested').count() === 1, 'no 告知补正 form');
  check(await page.locator('#act-corrected').count() === 0, '收到补正 offered before a notice');
  check(!(await text('main')).includes('r1_open'), 'a row id is shown to the handler');

  // 2. 告知补正 without a deadline is refused, naming the field (the browser's own check
  // is switched off to reach the server).
  await page.click('#act-correction_requested summary');
  await page.fill('#correction_requested-note', '请写明所需文件的名称或文号');
  await page.fill('#correction_requested-correction_how', '通过本机关网上申请平台或书面');
  await page.$eval('#act-correction_requested form', (f) => { f.noValidate = true; });
  const refused = await Promise.all([page.waitForNavigation(),
    page.click('#act-correction_requested button[type=submit]')]);
  check(refused[0].status() === 422, `补正 without deadline: ${refused[0].status()}`);
  check((await text('#correction_requested-correction_deadline-err')).includes('补正期限'),
        'the refusal does not name the deadline');
  await page.fill('#correction_requested-correction_deadline', iso(deadline));
  await Promise.all([page.waitForURL(/\/letters\/correction$/),
    page.click('#act-correction_requested button[type=submit]')]);
  const draft = await page.inputValue('#body');
  check(draft.includes('补正告知书') && draft.includes(chinese(deadline)) &&
        draft.includes('请写明所需文件的名称或文号'), `correction draft: ${draft}`);
  await page.fill('#body', draft.replace('请写明所需文件的名称或文号', '请写明所需文件的名称或文号（可附截图）'));
  await shot('handler-correction-draft');
  await Promise.all([page.waitForURL(/\/letters\/issued\/\d+$/), page.click('#issue')]);
  check((await text('.letter-title')) === '补正告知书', 'the notice has no title');
  check(await page.$eval('.letter-title', (e) => getComputedStyle(e).textAlign) === 'center', 'title not centred');
  check(await page.$eval('.letter-signature', (e) => getComputedStyle(e).textAlign) === 'right', 'signature not right-aligned');
  check((await text('article.letter')).includes('（可附截图）'), 'the edited text was not issued');
  await shot('handler-correction-issued');

  // 3. The applicant sees what to correct, by when and how, and opens the notice.
  await lookUp(tracking, code);
  check((await text('#correction-what')).includes('请写明所需文件的名称或文号'), 'what to correct missing');
  check((await text('#correction-deadline')).includes(chinese(deadline)), 'deadline missing');
  check((await text('#correction-how')).includes('网上申请平台'), 'how to correct missing');
  await shot('portal-correction');
  await Promise.all([page.waitForNavigation(), page.click('#letters li:has-text("补正告知书") button:has-text("查看并打印")')]);
  check((await text('article.letter')).includes(chinese(deadline)), 'the applicant cannot read the notice');

  // 4. The correction arrives; 部分公开 without reasons is refused, then given with them.
  await signIn('demo-handler');
  await page.goto(`${base}${requestPath}`);
  await page.click('#act-corrected summary');
  await act('corrected');
  await page.click('#act-answer summary');
  await page.selectOption('#answer-outcome', 'r2_partial');
  const noReasons = await Promise.all([page.waitForNavigation(), page.click('#act-answer button[type=submit]')]);
  check(noReasons[0].status() === 422, `部分公开 without reasons: ${noReasons[0].status()}`);
  check((await text('#answer-reasons-err')).includes('理由'), 'the refusal does not name the reasons');
  const reasons = '其中第三部分涉及第三方商业秘密，第三方不同意公开';
  const basis = '《中华人民共和国政府信息公开条例》第十五条、第三十七条';
  await page.fill('#answer-reasons', reasons);
  await page.fill('#answer-legal_basis', basis);
  await Promise.all([page.waitForURL(/\/letters\/reply$/), page.click('#act-answer button[type=submit]')]);
  const reply = await page.inputValue('#body');
  check(reply.includes(reasons) && reply.includes(basis) && reply.includes('第三十七条'), `reply draft: ${reply}`);
  await shot('handler-reply-draft');
  await Promise.all([page.waitForURL(/\/letters\/issued\/\d+$/), page.click('#issue')]);
  check((await text('article.letter')).includes(reasons), 'the issued reply lacks the reasons');
  await shot('handler-reply-issued');
  await page.goto(`${base}${requestPath}`);
  check((await page.locator('#issued-letters li').count()) === 2, 'the two letters are not listed');
  check(!(await text('#history')).includes('correction_requested'), 'the history shows event codes');

  // 5. The applicant reads the outcome in plain words and downloads the reply.
  await lookUp(tracking, code);
  check((await text('#request-outcome')).startsWith('部分公开'), `outcome: ${await text('#request-outcome')}`);
  const [download] = await Promise.all([page.waitForEvent('download'),
    page.click('#letters li:has-text("答复告知书") button:has-text("下载")')]);
  const body = await readFile(await download.path(), 'utf8');
  check(body.includes(reasons) && body.includes(basis) && body.includes(tracking), `download: ${body}`);
  await shot('portal-reply');
  // Another request's letter is not reachable with this page's token.
  await page.$eval('#letters li:has-text("答复告知书") form input[name=letter]', (i) => { i.value = String(Number(i.value) + 100000); });
  const other = await Promise.all([page.waitForNavigation(),
    page.click('#letters li:has-text("答复告知书") button:has-text("查看并打印")')]);
  check(other[0].status() === 404, `someone else's letter: ${other[0].status()}`);

  return `letters ok (request ${tracking})`;
});
