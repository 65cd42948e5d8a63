// axe-core (npm, pinned in package.json) run in the page: every page a browser test visits
// must pass the WCAG 2.0/2.1 A and AA rules with no violation. The engine is evaluated
// through the DevTools protocol, which the pages' Content-Security-Policy (no inline
// script) does not govern, so the pages are tested exactly as served.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const engine = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// Runs axe on the page as it is now; throws, naming the page, each rule and the elements,
// when anything violates them.
export async function checkAccessible(page, label) {
  const loaded = await page.evaluate(() => typeof window.axe !== 'undefined');
  if (!loaded) await page.evaluate(engine);
  const result = await page.evaluate(
    (values) => window.axe.run(document, { runOnly: { type: 'tag', values }, resultTypes: ['violations'] }),
    tags);
  if (result.violations.length === 0) return;
  const lines = result.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(', ')}`);
  throw new Error(`axe: ${label} ${page.url()}: ${result.violations.length} violation(s)\n  ${lines.join('\n  ')}`);
}
