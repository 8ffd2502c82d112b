import { Field, Input, Select, Textarea } from "@fluentui/react-components";
import type { MaterialOrder, MessageKey } from "@modeklar/shared";
import { useEffect, useState } from "react";
import { useT } from "../../i18n";
import { materialErrors, touched } from "../steps";
import { useFormatInstant, usePlanContext, useSharedT } from "./context";
import { useDeadlines } from "./useDeadlines";
import { StepOrder } from "./StepOrder";

export function MaterialStep() {
  const t = useT();
  const shared = useSharedT();
  const formatInstant = useFormatInstant();
  const { session, service } = usePlanContext();
  const material = session.plan.material;
  const [departments, setDepartments] = useState<{ name: string; email: string }[]>([]);
  const errors = materialErrors(material);

  useEffect(() => {
    let current = true;
    service?.api.departments().then(
      (list) => current && setDepartments(list),
      () => undefined,
    );
    return () => {
      current = false;
    };
  }, [service]);

  const change = (values: Partial<MaterialOrder>) =>
    session.edit((plan) => ({ ...plan, material: touched({ ...plan.material, ...values }) }));
  const message = (field: string) => (errors[field] ? shared(errors[field] as MessageKey) : undefined);
  const deadlines = useDeadlines(material.workingDaysBefore);

  return (
    <>
      <Field label={t("material.what")} validationMessage={message("what")}>
        <Textarea value={material.what ?? ""} onChange={(_, data) => change({ what: data.value })} />
      </Field>
      <Field label={t("material.department")} validationMessage={message("department")}>
        <Select
          value={material.department ?? ""}
          onChange={(_, data) => change({ department: data.value || undefined })}
        >
          <option value="">{t("material.chooseDepartment")}</option>
          {departments.map((d) => (
            <option key={d.email} value={d.email}>
              {d.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label={t("material.daysBefore")}
        hint={deadlines ? t("material.due", { due: formatInstant(deadlines.materialDue) }) : undefined}
      >
        <Input
          type="number"
          min={0}
          max={30}
          value={String(material.workingDaysBefore)}
          onChange={(_, data) =>
            change({ workingDaysBefore: Math.min(30, Math.max(0, Number(data.value) || 0)) })
          }
        />
      </Field>
      <StepOrder
        step="material"
        label={t("material.send")}
        doneText={t("material.sent")}
        ready={!!material.what && !!material.department && Object.keys(errors).length === 0}
        order={(api, meetingId, baseRevision) => api.orderMaterial(meetingId, material, baseRevision)}
      />
    </>
  );
}
