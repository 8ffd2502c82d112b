import { Button, Field, Input, makeStyles, Text, Textarea } from "@fluentui/react-components";
import {
  CATERING_ITEMS,
  isValidEan,
  type CateringOrder,
  type CostCentre,
  type MessageKey,
} from "@modeklar/shared";
import { useT } from "../../i18n";
import { headCountOf } from "../meeting-facts";
import { cateringErrors, cateringReady, touched } from "../steps";
import { Choices } from "./Choices";
import { DietaryCounts } from "./DietaryCounts";
import { useFormatInstant, usePlanContext, useSharedT } from "./context";
import { useDeadlines } from "./useDeadlines";
import { StepOrder } from "./StepOrder";

const useStyles = makeStyles({
  follow: { alignSelf: "flex-start" },
});

/** An EAN when the text is 13 digits, else an account: the secretary types what the invoice needs. */
function costCentreOf(text: string): CostCentre | undefined {
  const value = text.trim();
  if (!value) return undefined;
  return /^\d{13}$/.test(value) ? { kind: "ean", ean: value } : { kind: "account", account: value };
}

const costText = (cost: CostCentre | undefined) =>
  cost ? (cost.kind === "ean" ? cost.ean : cost.account) : "";

/** The catering step: what, for how many, dietary needs, when to serve, who pays; the order to the kitchen. */
export function CateringStep() {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  const formatInstant = useFormatInstant();
  const { session, facts } = usePlanContext();
  const order = session.plan.catering;
  const headCount = headCountOf(facts, session.plan);
  const byHand = order.count !== undefined;
  const deadlines = useDeadlines(session.plan.material.workingDaysBefore);
  const errors = cateringErrors(order);

  const change = (values: Partial<CateringOrder>) =>
    session.edit((plan) => ({ ...plan, catering: touched({ ...plan.catering, ...values }) }));
  const message = (field: string) => {
    const key = errors[field];
    return key ? shared(key as MessageKey) : undefined;
  };
  const costInvalid = order.costCentre?.kind === "ean" && !isValidEan(order.costCentre.ean);

  return (
    <>
      {deadlines && (
        <Text role="note">
          {deadlines.cateringOpen
            ? t("catering.cutoff", { due: formatInstant(deadlines.cateringCutoff) })
            : shared("cutoff.passed", { due: formatInstant(deadlines.cateringCutoff) })}
        </Text>
      )}
      <Choices
        legend={t("catering.what")}
        options={CATERING_ITEMS}
        labelOf={(item) => shared(`catering.${item}`)}
        chosen={order.items}
        onChange={(items) => change({ items })}
      />
      <Field label={t("catering.other")} validationMessage={message("otherItems")}>
        <Input value={order.otherItems ?? ""} onChange={(_, data) => change({ otherItems: data.value })} />
      </Field>
      <Field
        label={t("catering.count")}
        hint={byHand ? t("catering.countByHand", { count: headCount }) : t("catering.countFollows")}
        validationMessage={message("count")}
      >
        <Input
          type="number"
          min={1}
          value={String(order.count ?? headCount)}
          onChange={(_, data) => change({ count: Math.max(1, Number(data.value) || 1) })}
        />
      </Field>
      {byHand && (
        <Button
          className={styles.follow}
          size="small"
          onClick={() =>
            session.edit((plan) => {
              const { count: _byHand, ...rest } = plan.catering;
              return { ...plan, catering: rest };
            })
          }
        >
          {t("catering.countFollow", { count: headCount })}
        </Button>
      )}
      <DietaryCounts counts={order.dietary} onChange={(dietary) => change({ dietary })} />
      <Field label={t("catering.dietaryNote")} validationMessage={message("dietaryNote")}>
        <Textarea
          value={order.dietaryNote ?? ""}
          onChange={(_, data) => change({ dietaryNote: data.value })}
        />
      </Field>
      <Field label={t("catering.serveAt")} validationMessage={message("serveAt")}>
        <Input
          type="time"
          value={order.serveAt ?? ""}
          onChange={(_, data) => change({ serveAt: data.value || undefined })}
        />
      </Field>
      <Field
        label={t("catering.costNumber")}
        validationMessage={costInvalid ? shared("validation.ean") : message("costCentre.account")}
      >
        <Input
          value={costText(order.costCentre)}
          onChange={(_, data) => change({ costCentre: costCentreOf(data.value) })}
        />
      </Field>
      <StepOrder
        step="catering"
        label={t("catering.order")}
        doneText={t("catering.ordered")}
        ready={cateringReady(order) && !costInvalid}
        order={(api, meetingId, baseRevision) => api.orderCatering(meetingId, order, baseRevision, headCount)}
      />
    </>
  );
}
