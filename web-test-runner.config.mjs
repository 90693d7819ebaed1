import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CHROMIUM = process.env.CHROME_PATH ?? '/usr/bin/chromium';
export const TEST_OPERATOR = { email: 'wtr@demo.test', password: 'browser tests only' };

/**
 * Runs a real chat server beside the test pages; tests read its address from /__chat.json.
 * The test pages' origin differs from the server's, so the demo site allows any origin here.
 */
function chatServerPlugin() {
  let child;
  let info;
  let dataDir;
  return {
    name: 'chat-server',
    async serverStart() {
      dataDir = mkdtempSync(join(tmpdir(), 'chat-wtr-'));
      child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts', '--port', '0', '--data', dataDir], {
        env: {
          ...process.env,
          DEMO_OPERATOR_EMAIL: TEST_OPERATOR.email,
          DEMO_OPERATOR_PASSWORD: TEST_OPERATOR.password,
          DEMO_ALLOWED_ORIGINS: '*',
          OPERATOR_ORIGINS: '*',
          DEMO_TEAM: 'off',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      info = await new Promise((resolve, reject) => {
        let out = '';
        child.stdout.on('data', (chunk) => {
          out += chunk;
          const m = out.match(/Live chat server on (http:\/\/\S+)/);
          if (m) resolve({ url: m[1], wsUrl: `${m[1].replace('http', 'ws')}/trpc`, site: 'demo', operator: TEST_OPERATOR });
        });
        child.once('exit', (code) => reject(new Error(`chat server exited with ${code}`)));
      });
    },
    serve(context) {
      if (context.path === '/__chat.json') return { body: JSON.stringify(info), type: 'json' };
    },
    async serverStop() {
      child?.kill('SIGTERM');
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export default {
  files: ['test/widget/**/*.test.ts'],
  nodeResolve: true,
  concurrency: 1,
  testFramework: { config: { timeout: 10000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' }), chatServerPlugin()],
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath: CHROMIUM,
        headless: true,
        args: [
          '--headless=new',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      },
    }),
  ],
};
