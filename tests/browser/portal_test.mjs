// The portal in a real browser (headless Chromium): home → search a Chinese phrase → open a
// result → submit an online request → look it up with its code. Screenshots of each step
// go to the artifacts directory. Usage: node portal_test.mjs BASE_URL ARTIFACT_DIR
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { checkAccessible } from './axe.mjs';

const [base, artifacts] = process.argv.slice(2);
mkdirSync(artifacts, { recursive: true });

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox'],
});
const page = await browser.newPage({ viewport: { width: 1200, height: 900 }, locale: 'zh-CN' });
// Every page shown is checked with axe-core before its screenshot.
const shot = async (name, audit = true) => {
  if (audit) await checkAccessible(page, name);
  await page.screenshot({ path: `${artifacts}/${name}.png`, fullPage: true });
};
const errors = [];
page.on('pageerror', (e) => errors.push(e.message));
page.on('console', (m) => { if (m.type() === 'error') errors.push(`${m.text()} ${m.location().url || ''} (on ${page.url()})`); });

try {
  // Home: the latest items and the bodies.
  await page.goto(`${base}/`);
  check((await page.title()).includes('信息公开'), `home title: ${await page.title()}`);
  const firstTitle = (await page.locator('ul.items li a').first().textContent()).trim();
  await shot('01-home');

  // Search a four-character phrase taken from the newest item's title.
  const phrase = (firstTitle.slice(2).match(/[\u4e00-\u9fa5]{4}/) || firstTitle.match(/[\u4e00-\u9fa5]{2,4}/))[0];
  await page.fill('#site-q', phrase);
  await Promise.all([page.waitForURL(/\/search\?/), page.press('#site-q', 'Enter')]);
  const heading = await page.locator('#results').textContent();
  const count = Number(heading.replace(/[^0-9]/g, ''));
  check(count > 0, `search "${phrase}" found nothing: ${heading}`);
  const marked = await page.locator('ol.hits mark').first().textContent();
  check(phrase.includes(marked) || marked.includes(phrase.slice(0, 2)), `highlight "${marked}" for "${phrase}"`);
  await shot('02-search');

  // Open the first result: the item page with its metadata table.
  await Promise.all([page.waitForURL(/\/item\/\d+/), page.locator('ol.hits li h3 a').first().click()]);
  const meta = await page.locator('table.meta').textContent();
  for (const label of ['索引号', '信息名称', '发布机构', '生成日期', '发布日期', '文号', '主题分类', '有效性']) {
    check(meta.includes(label), `item page lacks ${label}`);
  }
  await shot('03-item');

  // The city government's guide, composed from its records (条例第十二条).
  await page.goto(`${base}/org/QXS?cat=${encodeURIComponent('政府信息公开指南')}`);
  await shot('03b-guide-column');
  const guideLink = page.locator('main a[href^="/item/"]').first();
  check((await guideLink.count()) > 0, 'the guide column lists nothing');
  await Promise.all([page.waitForURL(/\/item\/\d+/), guideLink.click()]);
  const guide = await page.locator('main').textContent();
  for (const part of ['政府信息公开指南', '受理机构', '联系电话', '20 个工作日', '查阅点', '行政复议']) {
    check(guide.includes(part), `the guide lacks ${part}`);
  }
  await shot('03c-guide');
  // The body's page and this year's report (a live preview until published).
  const year = new Date(Date.now() + 8 * 3600 * 1000).getUTCFullYear();
  for (const path of ['/org/QXS', `/org/QXS/report/${year}`, `/org/QXS/report/${year - 1}`]) {
    await page.goto(`${base}${path}`);
    await shot(`03d-${path.replace(/\W+/g, '-')}`);
  }

  // An online request.
  await page.goto(`${base}/apply`);
  const orgValue = await page.locator('#f-org option').nth(1).getAttribute('value');
  await page.selectOption('#f-org', orgValue);
  await page.selectOption('#f-applicant_type', 'natural_person');
  await page.fill('#f-name', '浏览器测试');
  await page.fill('#f-id_document', '居民身份证 430000200001010000');
  await page.fill('#f-contact', '13800000000');
  await page.fill('#f-description', `请公开与“${phrase}”有关的文件全文`);
  await page.selectOption('#f-delivery', '电子邮件');
  await Promise.all([page.waitForLoadState('load'), page.click('form.public-form button[type=submit]')]);
  await page.waitForSelector('#tracking-no');
  const tracking = (await page.locator('#tracking-no').textContent()).trim();
  const code = (await page.locator('#lookup-code').textContent()).trim();
  check(/^\d{4}-\d{4}$/.test(tracking), `tracking number: ${tracking}`);
  check(code.length >= 10, `lookup code: ${code}`);
  check(!(await page.content()).includes('浏览器测试'), 'the applicant name is shown back');
  await shot('04-applied');

  // Its status, found with the tracking number and the code.
  await page.goto(`${base}/status`);
  await page.selectOption('#f-org', orgValue);
  await page.fill('#f-tracking_no', tracking);
  await page.fill('#f-code', code);
  await Promise.all([page.waitForLoadState('load'), page.click('form.public-form button[type=submit]')]);
  await page.waitForSelector('#request-state');
  const state = await page.locator('#request-state').textContent();
  check(state.includes('已收到'), `status: ${state}`);
  check(!(await page.content()).includes('浏览器测试'), 'the applicant name is on the status page');
  await shot('05-status');

  check(errors.length === 0, `browser errors: ${errors.join('; ')}`);
  console.log(`browser: portal flow ok (search "${phrase}": ${count} results; request ${tracking})`);
} catch (e) {
  await shot('failure', false).catch(() => {});
  console.error(`browser: ${e.message}`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
