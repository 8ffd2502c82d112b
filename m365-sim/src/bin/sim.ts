/**
 * Starts the local Microsoft 365 and prints where everything is and the demo tenant's
 * settings as environment lines.
 *
 *   tsx m365-sim/src/bin/sim.ts [--port 7443] [--scale N] [--anchor YYYY-MM-DD]
 *                               [--snapshot FILE] [--snapshot-every SECONDS] [--redirect-uri URL]...
 *
 * Node must trust the local CA (NODE_EXTRA_CA_CERTS) for $batch parts and notifications
 * to reach HTTPS endpoints: `npm run sim` and `npm start` set it.
 */
import { parseArgs } from "node:util";
import { ADDRESSES } from "../seed/directory";
import { DEMO_CLIENT_ID, DEMO_CLIENT_SECRET } from "../directory";
import { registerRedirectUri } from "../identity/store";
import { startSim } from "../server";
import { keepSnapshots, loadSnapshot, type SnapshotSchedule } from "../snapshot";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "7443" },
    scale: { type: "string" },
    anchor: { type: "string" },
    snapshot: { type: "string" },
    "snapshot-every": { type: "string", default: "30" },
    "redirect-uri": { type: "string", multiple: true },
  },
  strict: true,
});

function wholeNumber(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  if (!/^\d+$/.test(raw)) {
    console.error(`m365-sim: --${name} must be a whole number, got '${raw}'`);
    process.exit(2);
  }
  return Number(raw);
}

if (values.anchor !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.anchor)) {
  console.error(`m365-sim: --anchor must be a date (YYYY-MM-DD), got '${values.anchor}'`);
  process.exit(2);
}

const port = wholeNumber("port", values.port) ?? 7443;
const scale = wholeNumber("scale", values.scale);
const snapshotEverySeconds = wholeNumber("snapshot-every", values["snapshot-every"]) ?? 30;

const sim = await startSim({
  port,
  seed: {
    ...(values.anchor ? { anchor: values.anchor } : {}),
    ...(scale !== undefined ? { scale } : {}),
    ...(values["redirect-uri"] ? { redirectUris: values["redirect-uri"] } : {}),
  },
}).catch((err: NodeJS.ErrnoException) => {
  console.error(
    err.code === "EADDRINUSE"
      ? `m365-sim: port ${port} is in use; stop what runs there or start with --port <another>`
      : `m365-sim: could not start: ${err.message}`,
  );
  process.exit(1);
});

let snapshots: SnapshotSchedule | undefined;
if (values.snapshot) {
  const restored = loadSnapshot(sim.ctx, values.snapshot);
  // The pages may sign in from elsewhere than when the snapshot was saved (another PORT or PUBLIC_URL).
  for (const uri of values["redirect-uri"] ?? []) registerRedirectUri(sim.state, DEMO_CLIENT_ID, uri);
  snapshots = keepSnapshots(sim.state, values.snapshot, snapshotEverySeconds * 1000);
  console.log(
    restored
      ? `Restored the state from ${values.snapshot}.`
      : `No snapshot at ${values.snapshot} yet; starting from the seed.`,
  );
}

const authority = `${sim.authorityHost}/${sim.tenantId}`;
console.log(`
Mødeklar's local Microsoft 365 (m365-sim) is running.

  Authority:                ${authority}
  OpenID Connect discovery: ${authority}/v2.0/.well-known/openid-configuration
  Microsoft Graph:          ${sim.graphBaseUrl}
  Control API:              ${sim.url}/_sim
  Sign-in page:             ${authority}/oauth2/v2.0/authorize (opened by an app's sign-in)
  Local CA to trust:        NODE_EXTRA_CA_CERTS=${sim.caPath}

Demo tenant settings (.env):
TENANT_ID=${sim.tenantId}
CLIENT_ID=${DEMO_CLIENT_ID}
CLIENT_SECRET=${DEMO_CLIENT_SECRET}
AUTHORITY_HOST=${sim.authorityHost}
GRAPH_BASE_URL=${sim.graphBaseUrl}
MAILBOXES=${ADDRESSES.mayor}
`);

let stopping = false;
async function stop(): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (snapshots) {
    snapshots.stop();
    await snapshots
      .save()
      .then(() => console.log(`Saved the state to ${values.snapshot}.`))
      .catch((err: unknown) => console.error("m365-sim: could not save the snapshot", err));
  }
  await sim.close();
  process.exit(0);
}
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
