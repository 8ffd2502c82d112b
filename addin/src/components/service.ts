import type { ZodType } from "zod";
import type { ServiceSession } from "../auth";
import type { Locale } from "../i18n";
import { ServiceProblem } from "../plan/api";

export { ServiceProblem };

/** What a page needs of the service: a signed-in session and the page's language. */
export interface PageService {
  session: ServiceSession;
  locale: Locale;
}

async function problemOf(response: Response): Promise<ServiceProblem> {
  try {
    const body = (await response.json()) as { detail?: string; title?: string };
    return new ServiceProblem(response.status, body.detail ?? body.title ?? response.statusText);
  } catch {
    return new ServiceProblem(response.status, response.statusText);
  }
}

/** Calls the service's API with a fresh token; a failure (or no network: status 0) is a ServiceProblem. */
export async function callService(
  service: PageService,
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<Response> {
  const token = await service.session.token();
  let response: Response;
  try {
    response = await fetch(`${service.session.apiBase}${path}`, {
      method: init.method ?? "GET",
      headers: {
        authorization: `Bearer ${token}`,
        "accept-language": service.locale,
        ...(init.body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) }),
    });
  } catch (error) {
    throw new ServiceProblem(0, error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await problemOf(response);
  return response;
}

export async function serviceJson<T>(
  service: PageService,
  path: string,
  schema: ZodType<T>,
  init: { method?: string; body?: unknown } = {},
): Promise<T> {
  const response = await callService(service, path, init);
  return schema.parse(await response.json());
}
