import { DayQuerySchema } from "@modeklar/shared";
import type { ZodType } from "zod";
import type { ApiBuilder } from "../../api";
import { readerOf, type Reader } from "../../reader";
import { localToday } from "../../views/local-time";
import type { PagesDeps } from "./deps";

/** Declares a day list's GET: its view from the day asked for (else today in Copenhagen), for the reader. */
export function dayListRoute<R>(
  api: ApiBuilder,
  deps: PagesDeps,
  route: {
    path: string;
    summary: string;
    response: ZodType<R>;
    view: (deps: PagesDeps, first: string, reader: Reader) => Promise<R>;
  },
): void {
  api.add({
    method: "get",
    path: route.path,
    summary: route.summary,
    query: DayQuerySchema,
    response: route.response,
    handler: async (request) =>
      route.view(deps, request.query.day ?? localToday(deps.now()), readerOf(request, deps.privacy)),
  });
}
