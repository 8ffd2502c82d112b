import {
  AvailableRoomSchema,
  BriefingSchema,
  CateringOrderResponseSchema,
  DepartmentsResponseSchema,
  FullMeetingSchema,
  MaterialOrderResponseSchema,
  MeetingDeadlinesResponseSchema,
  MeetingJournalSchema,
  MeetingPlanSchema,
  PlanSaveResponseSchema,
  ReceptionNoticeResponseSchema,
  StoredPlanResponseSchema,
  type AvailableRoom,
  type CateringOrder,
  type FullMeeting,
  type Guest,
  type MaterialOrder,
  type MeetingDeadlines,
  type MeetingJournal,
  type MeetingPlan,
  type ReceptionList,
  type RoomSearchRequest,
} from "@modeklar/shared";
import { z, type ZodType } from "zod";

/** An answer of the service that is not a success: its problem details, or a network failure (status 0). */
export class ServiceProblem extends Error {
  constructor(
    readonly status: number,
    readonly detail: string,
    readonly code?: string,
    readonly current?: unknown,
  ) {
    super(detail);
    this.name = "ServiceProblem";
  }

  /** Someone saved meanwhile: trying again cannot help, the secretary must look. */
  get isConflict(): boolean {
    return this.status === 409;
  }

  /** The network or the service was down: the same request may succeed later. */
  get isTransient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

const ProblemBody = z.object({
  detail: z.string().optional(),
  title: z.string().optional(),
  code: z.string().optional(),
  current: z.unknown().optional(),
});

export const ConflictingPlanSchema = z.object({
  plan: MeetingPlanSchema,
  revision: z.number().int(),
  updatedBy: z.string(),
});

/** Everything the task pane asks of the service. */
export interface PlanService {
  meeting(id: string, start: Date, end: Date): Promise<FullMeeting | null>;
  deadlines(id: string, materialDays: number): Promise<MeetingDeadlines>;
  availableRooms(search: RoomSearchRequest): Promise<AvailableRoom[]>;
  departments(): Promise<{ name: string; email: string }[]>;
  plan(id: string): Promise<{ plan: MeetingPlan | null; revision: number }>;
  savePlan(
    id: string,
    plan: MeetingPlan,
    baseRevision: number,
  ): Promise<{ plan: MeetingPlan; encoded: string }>;
  orderCatering(
    id: string,
    order: CateringOrder,
    baseRevision: number,
    /** The meeting's head count, for the kitchen when the order has no count set by hand. */
    headCount: number,
  ): Promise<{ revision: number; cutoff: string }>;
  sendReception(
    id: string,
    reception: ReceptionList,
    moreGuests: Guest[],
    baseRevision: number,
  ): Promise<{ revision: number }>;
  orderMaterial(
    id: string,
    material: MaterialOrder,
    baseRevision: number,
  ): Promise<{ revision: number; due: string }>;
  briefing(id: string): Promise<{ text: string; version: number }>;
  saveBriefing(id: string, text: string, baseVersion: number): Promise<{ text: string; version: number }>;
  /** The meeting's documents and where each stands with the journal (the journal step). */
  meetingJournal?(id: string): Promise<MeetingJournal>;
  /** Journalises the meeting to the case; a private one only with `includePrivate`. */
  journalise?(id: string, caseNumber: string, includePrivate: boolean): Promise<MeetingJournal>;
}

export interface ServiceConnection {
  apiBase: string;
  token: () => Promise<string>;
  language: string;
  fetch?: typeof fetch;
}

export function planService({
  apiBase,
  token,
  language,
  fetch: send = globalThis.fetch,
}: ServiceConnection): PlanService {
  async function call<R>(method: string, path: string, schema: ZodType<R>, body?: unknown): Promise<R> {
    let response: Response;
    try {
      response = await send(`${apiBase}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${await token()}`,
          "accept-language": language,
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    } catch (error) {
      if (error instanceof ServiceProblem) throw error;
      throw new ServiceProblem(0, error instanceof Error ? error.message : String(error));
    }
    const payload: unknown = await response.json().catch(() => ({}));
    if (!response.ok) {
      const problem = ProblemBody.safeParse(payload);
      const data = problem.success ? problem.data : {};
      throw new ServiceProblem(
        response.status,
        data.detail ?? data.title ?? response.statusText,
        data.code,
        data.current,
      );
    }
    return schema.parse(payload);
  }
  const meetingPath = (id: string, step: string) => `/meetings/${encodeURIComponent(id)}/${step}`;
  /** An order leaves the meeting: the service checks it against the plan at `baseRevision`. */
  const order = <R>(id: string, step: string, schema: ZodType<R>, baseRevision: number, body: object) =>
    call("POST", meetingPath(id, step), schema, { meetingId: id, baseRevision, ...body });

  return {
    async meeting(id, start, end) {
      const query = new URLSearchParams({ from: start.toISOString(), to: end.toISOString() });
      const { meetings } = await call(
        "GET",
        `/meetings?${query.toString()}`,
        z.object({ meetings: z.array(z.unknown()) }),
      );
      const found = meetings
        .map((m) => FullMeetingSchema.safeParse(m))
        .find((m) => m.success && m.data.id === id);
      return found?.success ? found.data : null;
    },
    deadlines: (id, materialDays) =>
      call(
        "GET",
        `${meetingPath(id, "deadlines")}?materialDays=${materialDays}`,
        MeetingDeadlinesResponseSchema,
      ),
    availableRooms: async (search) =>
      (await call("POST", "/rooms/available", z.object({ rooms: z.array(AvailableRoomSchema) }), search))
        .rooms,
    departments: async () => (await call("GET", "/departments", DepartmentsResponseSchema)).departments,
    plan: (id) => call("GET", meetingPath(id, "plan"), StoredPlanResponseSchema),
    savePlan: (id, plan, baseRevision) =>
      call("PUT", meetingPath(id, "plan"), PlanSaveResponseSchema, { plan, baseRevision }),
    orderCatering: (id, catering, baseRevision, headCount) =>
      order(id, "catering", CateringOrderResponseSchema, baseRevision, { headCount, order: catering }),
    sendReception: (id, reception, moreGuests, baseRevision) =>
      order(id, "reception", ReceptionNoticeResponseSchema, baseRevision, { reception, moreGuests }),
    orderMaterial: (id, material, baseRevision) =>
      order(id, "material", MaterialOrderResponseSchema, baseRevision, { material }),
    briefing: (id) => call("GET", meetingPath(id, "briefing"), BriefingSchema),
    meetingJournal: (id) => call("GET", meetingPath(id, "journal"), MeetingJournalSchema),
    journalise: (id, caseNumber, includePrivate) =>
      call("POST", meetingPath(id, "journal"), MeetingJournalSchema, { caseNumber, includePrivate }),
    saveBriefing: (id, text, baseVersion) =>
      call("PUT", meetingPath(id, "briefing"), BriefingSchema, { text, baseVersion }),
  };
}
