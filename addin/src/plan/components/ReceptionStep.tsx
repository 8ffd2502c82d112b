import { Button, Checkbox, Field, Input, makeStyles, Text, tokens } from "@fluentui/react-components";
import type { Guest, MessageKey, ReceptionList } from "@modeklar/shared";
import { useState } from "react";
import { useT } from "../../i18n";
import { guestErrors, touched } from "../steps";
import { useListStyles } from "./list-styles";
import { usePlanContext, useSharedT } from "./context";
import { StepOrder } from "./StepOrder";

const useStyles = makeStyles({
  newGuest: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalS,
    margin: 0,
  },
  row: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalM },
});

const NO_GUEST = { name: "", organisation: "", email: "" };

export function ReceptionStep() {
  const styles = useStyles();
  const list = useListStyles();
  const t = useT();
  const shared = useSharedT();
  const { session } = usePlanContext();
  const reception = session.plan.reception;
  const [guest, setGuest] = useState(NO_GUEST);
  const [tried, setTried] = useState(false);
  const errors = guestErrors(guest);

  const change = (values: Partial<ReceptionList>) =>
    session.edit((plan) => ({ ...plan, reception: touched({ ...plan.reception, ...values }) }));
  const message = (field: string) =>
    tried && errors[field] ? shared(errors[field] as MessageKey) : undefined;

  function add() {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    const added: Guest = {
      name: guest.name.trim(),
      ...(guest.organisation.trim() ? { organisation: guest.organisation.trim() } : {}),
      ...(guest.email.trim() ? { email: guest.email.trim() } : {}),
    };
    change({ guests: [...reception.guests, added] });
    setGuest(NO_GUEST);
    setTried(false);
  }

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
      <fieldset className={styles.newGuest}>
        <legend>{t("reception.addGuest")}</legend>
        <Field label={t("reception.guestName")} required validationMessage={message("name")}>
          <Input value={guest.name} onChange={(_, data) => setGuest({ ...guest, name: data.value })} />
        </Field>
        <Field label={t("reception.organisation")} validationMessage={message("organisation")}>
          <Input
            value={guest.organisation}
            onChange={(_, data) => setGuest({ ...guest, organisation: data.value })}
          />
        </Field>
        <Field label={t("reception.email")} validationMessage={message("email")}>
          <Input
            type="email"
            value={guest.email}
            onChange={(_, data) => setGuest({ ...guest, email: data.value })}
          />
        </Field>
        <Button onClick={add}>{t("reception.addGuest")}</Button>
      </fieldset>
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
