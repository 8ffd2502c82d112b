import {
  DepartmentsResponseSchema,
  MaterialOrderRequestSchema,
  MaterialOrderResponseSchema,
  materialDue,
  type MaterialOrder,
} from "@modeklar/shared";
import type { ApiBuilder } from "../../api";
import { badRequest } from "../../problem";
import type { PlanApiDeps } from "./deps";
import type { Department } from "./offices";
import { orderRoute } from "./order-flow";

export function departmentsRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  api.add({
    method: "get",
    path: "/departments",
    summary: "The departments meeting material can be ordered from.",
    response: DepartmentsResponseSchema,
    handler: async () => ({ departments: deps.offices.departments }),
  });
}

/** The department to send the order to (lower case), else a 400 naming what is missing. */
function departmentOf(material: MaterialOrder, known: Department[]): string {
  const department = material.department?.toLowerCase();
  if (!department) throw badRequest("body.material.department: choose a department");
  if (known.length > 0 && !known.some((d) => d.email.toLowerCase() === department)) {
    throw badRequest("body.material.department: not one of the departments");
  }
  if (!material.what) throw badRequest("body.material.what: say what is needed");
  return department;
}

export function materialOrderRoute(api: ApiBuilder, deps: PlanApiDeps): void {
  const dueBefore = (start: string, material: MaterialOrder) =>
    materialDue(start, material.workingDaysBefore);
  orderRoute(api, deps, {
    step: "material",
    summary:
      "Orders meeting material from a department by mail, due the given working days before the meeting.",
    body: MaterialOrderRequestSchema,
    response: MaterialOrderResponseSchema,
    order: (body) => ({
      order: body.material,
      to: departmentOf(body.material, deps.offices.departments),
      recorded: (material, { start }) => ({ ...material, due: dueBefore(start, body.material) }),
    }),
    answer: (body, { meeting, sentAt, revision }) => ({
      due: dueBefore(meeting.start, body.material),
      sentAt,
      revision,
    }),
  });
}
