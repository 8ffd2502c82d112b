import { mulberry32 as seededRandom } from "@modeklar/m365-sim";
import { expect, it } from "vitest";
import { DeltaSync } from "./delta-sync";
import { MemoryMirrorStore } from "../../test/sync/memory-store";
import { graphAs, MAYOR, SECRETARY } from "../../test/sync/sim";
import {
  mirrorVersions,
  silentLog,
  simVersions,
  simWithGateway,
  TEST_WINDOW as WINDOW,
} from "../../test/sync/suite";

const OPERATIONS = 1000;
const BATCH = 20;
const SEED = 4711;

const world = simWithGateway();

function localTime(dayOffset: number, minutes: number) {
  const day = new Date(Date.now() + dayOffset * 86_400_000).toISOString().slice(0, 10);
  const hh = String(Math.floor(minutes / 60)).padStart(2, "0");
  const mm = String(minutes % 60).padStart(2, "0");
  return { dateTime: `${day}T${hh}:${mm}:00`, timeZone: "Europe/Copenhagen" };
}

it(`ends with the mirror equal to the simulator after ${OPERATIONS} random changes mixed with expired tokens`, async () => {
  const random = seededRandom(SEED);
  const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)] as T;
  const store = new MemoryMirrorStore();
  const delta = new DeltaSync({
    store,
    gateway: world.gateway,
    window: WINDOW,
    pageSize: 50,
    log: silentLog,
  });
  const secretary = await graphAs(world.sim, SECRETARY);
  const events = `/users/${MAYOR}/events`;
  const slot = () => {
    const day = Math.floor(random() * 200) - 25;
    const start = 7 * 60 + Math.floor(random() * 20) * 30;
    return { start: localTime(day, start), end: localTime(day, start + 30 + Math.floor(random() * 4) * 30) };
  };

  await delta.run(MAYOR, "events");
  let expiries = 0;
  const statuses = new Map<number, number>();
  for (let done = 0, batch = 0; done < OPERATIONS; done += BATCH, batch++) {
    const targets = (await store.listItems(MAYOR, "events"))
      .filter((item) => item.data["type"] === "singleInstance")
      .map((item) => item.id);
    const used = new Set<string>();
    const requests = Array.from({ length: BATCH }, (_, i) => {
      const free = targets.filter((id) => !used.has(id));
      const roll = random();
      const target = free.length > 0 ? pick(free) : null;
      if (roll < 0.3 || !target) {
        return { method: "POST", url: events, body: { subject: `Møde ${batch}.${i}`, ...slot() } };
      }
      used.add(target);
      const url = `${events}/${target}`;
      if (roll < 0.5) return { method: "PATCH", url, body: { subject: `Omdøbt ${batch}.${i}` } };
      if (roll < 0.7) return { method: "PATCH", url, body: slot() };
      if (roll < 0.85) return { method: "DELETE", url };
      return { method: "POST", url: `${url}/cancel`, body: { comment: "Aflyst" } };
    }).map((request, i) => ({
      id: String(i + 1),
      headers: { "Content-Type": "application/json" },
      ...request,
    }));
    const answer = await secretary("POST", "/$batch", { requests });
    for (const part of answer["responses"] as { status: number }[]) {
      statuses.set(part.status, (statuses.get(part.status) ?? 0) + 1);
    }

    if (random() < 0.15) {
      await fetch(`${world.sim.url}/_sim/delta/expire`, { method: "POST" });
      expiries += 1;
    }
    await delta.run(MAYOR, "events");
    if (batch % 10 === 9) expect(await mirrorVersions(store)).toEqual(await simVersions(world.sim));
  }
  expect(expiries).toBeGreaterThan(0);
  const applied = [...statuses].filter(([status]) => status < 300).reduce((sum, [, n]) => sum + n, 0);
  expect(applied).toBeGreaterThan(OPERATIONS * 0.8);
  const mirror = await mirrorVersions(store);
  expect(mirror).toEqual(await simVersions(world.sim));
  expect(new Set(mirror.map((v) => v.split(" | ")[0])).size).toBe(mirror.length);
});
