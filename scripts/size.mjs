// Prints the gzip size of what a page loads before the chat opens (the launcher path) and of
// the whole widget, and fails when either is over budget. Run after `npm run build`.
import { readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET = { launcher: 20 * 1024, widget: 45 * 1024 };
const DIST = 'dist';

const STATIC = /(?:^|[;}\s])(?:import|export)\s*(?:[\w*{}\s,$]*?from\s*)?["'](\.{1,2}\/[^"']+)["']/g;
const DYNAMIC = /import\(\s*["'](\.{1,2}\/[^"']+)["']\s*\)/g;

/** Files reachable from an entry, following static imports and, if asked, dynamic ones too. */
function reachable(entry, withDynamic) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(file, 'utf8');
    const patterns = withDynamic ? [STATIC, DYNAMIC] : [STATIC];
    for (const re of patterns) for (const m of code.matchAll(re)) visit(join(dirname(file), m[1]));
  };
  visit(join(DIST, entry));
  return [...seen];
}

const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

function report(label, files, budget) {
  const sizes = files.map((f) => [relative(DIST, f), gz(f)]);
  const total = sizes.reduce((sum, [, n]) => sum + n, 0);
  console.log(`${label}: ${kb(total)} gzip (budget ${kb(budget)})${total > budget ? '  OVER BUDGET' : ''}`);
  for (const [f, n] of sizes) console.log(`  ${f.padEnd(40)} ${kb(n)}`);
  return total <= budget;
}

const launcherOk = report('Launcher path (loaded with the page)', reachable('chat.js', false), BUDGET.launcher);
const widgetOk = report(
  'Whole widget (launcher + window + inline window entry)',
  [...new Set([...reachable('chat.js', true), ...reachable('chat-window.js', true)])],
  BUDGET.widget,
);
if (!launcherOk || !widgetOk) process.exit(1);
