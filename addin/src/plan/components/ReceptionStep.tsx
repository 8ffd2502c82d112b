import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { ReceptionList } from "@modeklar/shared";
import { useT } from "../../i18n";
import { touched } from "../steps";
import { useListStyles } from "./list-styles";
import { usePlanContext } from "./context";
import { NewGuest } from "./NewGuest";
import { StepOrder } from "./StepOrder";

const useStyles = makeStyles({
  row: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM },
});

/** The reception step: the guests, their arrival and who receives them, and the list sent to reception. */
export function ReceptionStep() {
  const styles = useStyles();
  const list = useListStyles();
  const t = useT();
  const { session } = usePlanContext();
  const reception = session.plan.reception;

  const change = (values: Partial<ReceptionList>) =>
    session.edit((plan) => ({ ...plan, reception: touched({ ...plan.reception, ...values }) }));

  return (
    <>
      <Text weight="semibold" as="h4">
        {t("reception.guests")}
      </Text>
      {reception.guests.length === 0 ? (
        <Text>{t("reception.noGuests")}</Text>
      ) : (
        <ul className={list.list} aria-live="polite">
          {reception.guests.map((g, index) => (
            <li key={`${g.name}-${index}`} className={list.line}>
              <Text>
                {g.name}
                {g.organisation ? `, ${g.organisation}` : ""}
              </Text>
              <Button
                size="small"
                appearance="subtle"
                onClick={() => change({ guests: reception.guests.filter((_, i) => i !== index) })}
              >
                {t("reception.remove", { name: g.name })}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <NewGuest onAdd={(added) => change({ guests: [...reception.guests, added] })} />
      <Field label={t("reception.arrival")}>
        <Input
          type="time"
          value={reception.arrivalAt ?? ""}
          onChange={(_, data) => change({ arrivalAt: data.value || undefined })}
        />
      </Field>
      <Field label={t("reception.host")}>
        <Input value={reception.host ?? ""} onChange={(_, data) => change({ host: data.value })} />
      </Field>
      <div className={styles.row}>
        <Checkbox
          label={t("reception.parking")}
          checked={reception.parking}
          onChange={(_, data) => change({ parking: data.checked === true })}
        />
        <Checkbox
          label={t("reception.badge")}
          checked={reception.badge}
          onChange={(_, data) => change({ badge: data.checked === true })}
        />
      </div>
      <StepOrder
        step="reception"
        label={t("reception.send")}
        doneText={t("reception.sent")}
        ready={reception.guests.length > 0}
        order={(api, meetingId, baseRevision) => api.sendReception(meetingId, reception, [], baseRevision)}
      />
    </>
  );
}
