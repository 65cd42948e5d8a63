// The setup shared by the back-office browser tests (admin_test, queues_test, letters_test):
// launching headless Chromium, fresh browser contexts signed in as a demo account, and
// screenshots of each step, every page checked with axe-core first.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { checkAccessible } from './axe.mjs';

export const password = 'gongkai-demo-2024';  // docs/admin.md: the demo accounts' public password

export function check(condition, message) {
  if (!condition) throw new Error(message);
}

// A day as the server dates it (China Standard Time, UTC+8 all year), `days` from today.
export const cst = (days = 0) => new Date(Date.now() + 8 * 3600 * 1000 + days * 86400 * 1000);
export const iso = (d) => d.toISOString().slice(0, 10);

// One browser for a test script. `page` is the tab of the latest context; `errors` collects
// the pages' uncaught exceptions (and, with consoleErrors, their console errors).
// Options: acceptDownloads, consoleErrors.
export async function openSession(base, artifacts, options = {}) {
  mkdirSync(artifacts, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox'],
  });
  const session = { browser, page: null, errors: [] };
  let step = 0;
  let who = '';
  // A fresh context (own cookies, nobody signed in); returns its page.
  session.fresh = async () => {
    if (session.page) await session.page.context().close();
    const context = await browser.newContext({
      viewport: { width: 1200, height: 900 }, locale: 'zh-CN', acceptDownloads: !!options.acceptDownloads,
    });
    const page = await context.newPage();
    page.on('pageerror', (e) => session.errors.push(e.message));
    if (options.consoleErrors) {
      page.on('console', (m) => {
        if (m.type() === 'error') session.errors.push(`${who}: ${m.text()} ${m.location().url || ''}`);
      });
    }
    session.page = page;
    return page;
  };
  // A fresh context signed in as `username` (the back office first sends it to sign-in).
  session.signIn = async (username) => {
    who = username;
    const page = await session.fresh();
    await page.goto(`${base}/admin`);
    check(page.url().endsWith('/admin/login'), `not sent to sign-in: ${page.url()}`);
    await page.fill('#username', username);
    await page.fill('#password', password);
    await Promise.all([page.waitForURL(`${base}/admin`), page.click('form.form button[type=submit]')]);
    return page;
  };
  // Screenshot of the current page, numbered in step order; axe-checked unless audit is false.
  session.shot = async (name, audit = true) => {
    if (audit) await checkAccessible(session.page, name);
    await session.page.screenshot({
      path: `${artifacts}/${String(++step).padStart(2, '0')}-${name}.png`, fullPage: true,
    });
  };
  // Runs the script's steps: on success checks that no page raised an error and prints
  // `browser: ` + what body returned; on failure takes a last screenshot and sets exit code 1.
  session.run = async (body) => {
    try {
      const summary = await body();
      check(session.errors.length === 0, `browser errors: ${session.errors.join('; ')}`);
      console.log(`browser: ${summary}`);
    } catch (e) {
      if (session.page) await session.shot('failure', false).catch(() => {});
      console.error(`browser: ${e.message}`);
      process.exitCode = 1;
    } finally {
      await browser.close();
    }
  };
  return session;
}
