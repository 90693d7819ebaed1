/** Command line: reads configuration, opens the store, serves HTTP and WebSocket on one port. */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { DEMO_SITE_KEY, teammateEmail } from './seed.js';
import { startServer } from './server.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string' },
    host: { type: 'string' },
    data: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});

if (values.help) {
  console.log(`Usage: npm start -- [--port 8787] [--host 127.0.0.1] [--data ./data]

Environment:
  PORT, HOST, DATA_DIR                 same as the flags
  DEMO_OPERATOR_EMAIL                  login of the demo operator created on first start
  DEMO_OPERATOR_PASSWORD               its password (generated and printed when unset)
  DEMO_ALLOWED_ORIGINS                 comma-separated origins allowed to embed the demo site
  DEMO_TEAM                            "off" creates the demo operator alone (no teammate, departments, canned responses)
  OPERATOR_ORIGINS                     comma-separated extra origins allowed to open the operator panel
  GEOIP_DB                             a GeoIP range database (CSV, or .csv.gz): the live visitor list shows visitors' city and country
  TRUST_PROXY                          number of reverse proxies in front of the server; visitors' addresses then come from X-Forwarded-For`);
  process.exit(0);
}

const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

const port = Number(values.port ?? process.env.PORT ?? 8787);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`Invalid port: ${values.port ?? process.env.PORT}`);
  process.exit(2);
}
const dataDir = resolve(values.data ?? process.env.DATA_DIR ?? './data');
const trustProxy = Number(process.env.TRUST_PROXY || 0);
if (!Number.isInteger(trustProxy) || trustProxy < 0) {
  console.error(`Invalid TRUST_PROXY: ${process.env.TRUST_PROXY} (the number of reverse proxies in front of the server)`);
  process.exit(2);
}
const geoipDb = process.env.GEOIP_DB ? resolve(process.env.GEOIP_DB) : undefined;

const server = await startServer({
  port,
  host: values.host ?? process.env.HOST ?? '127.0.0.1',
  dataDir,
  demo: {
    email: process.env.DEMO_OPERATOR_EMAIL,
    password: process.env.DEMO_OPERATOR_PASSWORD,
    allowedOrigins: list(process.env.DEMO_ALLOWED_ORIGINS),
    team: process.env.DEMO_TEAM !== 'off',
  },
  operatorOrigins: list(process.env.OPERATOR_ORIGINS),
  geoipDb,
  trustProxy,
}).catch((error: unknown) => {
  // A missing or malformed GeoIP database, a port in use: say so in one line, not a stack trace.
  console.error(`Cannot start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});

console.log(`Live chat server on ${server.url}  (data: ${dataDir})
  Demo shop:       ${server.url}/
  Operator panel:  ${server.url}/operator
  Admin:           ${server.url}/admin
  Widget socket:   ${server.wsUrl}?site=${DEMO_SITE_KEY}`);
if (geoipDb) console.log(`  GeoIP database:  ${geoipDb}${trustProxy ? `  (addresses from X-Forwarded-For, ${trustProxy} prox${trustProxy === 1 ? 'y' : 'ies'})` : ''}`);
if (server.demo.password) {
  console.log(`  Operator login:  ${server.demo.email}  password: ${server.demo.password}`);
  if (server.store.operatorCount() > 1) console.log(`  Teammate login:  ${teammateEmail(server.demo.email)}  (same password)`);
} else {
  console.log(`  Operator login:  ${server.demo.email}  (password printed on first start; delete ${dataDir} to start over)`);
}

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`\n${signal}: closing connections…`);
    server.close().then(
      () => process.exit(0),
      (err) => {
        console.error(err);
        process.exit(1);
      },
    );
  });
}
