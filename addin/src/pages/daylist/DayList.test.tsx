import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { ServiceSession } from "../../auth";
import { callService } from "../../components";
import { I18nProvider } from "../../i18n";
import { DayListView, useDayList } from "./DayList";

const session: ServiceSession = {
  apiBase: "https://service.test",
  signedIn: true,
  token: async () => "token",
};
const GuestsSchema = z.object({ guests: z.array(z.string()) });

function Guests() {
  const list = useDayList(session, "/daylists/test", GuestsSchema);
  return (
    <DayListView list={list}>
      {({ guests }) => (
        <>
          <ul>
            {guests.map((guest) => (
              <li key={guest}>{guest}</li>
            ))}
          </ul>
          <button
            onClick={() =>
              void list.act((service) => callService(service, "/arrive", { method: "POST" }), "Done")
            }
          >
            Arrive
          </button>
        </>
      )}
    </DayListView>
  );
}

function serve(...responses: Response[]) {
  const fetch = vi.fn<typeof globalThis.fetch>();
  for (const response of responses) fetch.mockResolvedValueOnce(response);
  vi.stubGlobal("fetch", fetch);
  return fetch;
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

function show() {
  render(
    <I18nProvider locale="da">
      <Guests />
    </I18nProvider>,
  );
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe("a day list", () => {
  it("tells a person whose role may not see it so, instead of an empty list", async () => {
    serve(json({ title: "Forbidden" }, 403));
    show();
    expect(await screen.findByText(/Din konto har ikke adgang til denne side/)).toBeDefined();
    expect(screen.queryByRole("list")).toBeNull();
  });

  it("after a tap says it is done and shows the list as the service now has it", async () => {
    const fetch = serve(
      json({ guests: ["Mette Friis"] }),
      json({}),
      json({ guests: ["Mette Friis", "Ole Lund"] }),
    );
    show();
    fireEvent.click(await screen.findByRole("button", { name: "Arrive" }));
    expect(await screen.findByText("Ole Lund")).toBeDefined();
    expect(screen.getByRole("status").textContent).toBe("Done");
    expect(fetch.mock.calls.map(([url, init]) => `${init?.method} ${String(url)}`)).toEqual([
      "GET https://service.test/daylists/test",
      "POST https://service.test/arrive",
      "GET https://service.test/daylists/test",
    ]);
  });
});
