import { Button, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import type { Guest, MessageKey } from "@modeklar/shared";
import { useState } from "react";
import { useT } from "../../i18n";
import { guestErrors } from "../steps";
import { useSharedT } from "./context";

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
});

const NO_GUEST = { name: "", organisation: "", email: "" };

/** The form for one more guest: checked when added (a name, a valid address), then empty again. */
export function NewGuest({ onAdd }: { onAdd: (guest: Guest) => void }) {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  const [guest, setGuest] = useState(NO_GUEST);
  const [tried, setTried] = useState(false);
  const errors = guestErrors(guest);
  const message = (field: string) =>
    tried && errors[field] ? shared(errors[field] as MessageKey) : undefined;

  function add() {
    setTried(true);
    if (Object.keys(errors).length > 0) return;
    onAdd({
      name: guest.name.trim(),
      ...(guest.organisation.trim() ? { organisation: guest.organisation.trim() } : {}),
      ...(guest.email.trim() ? { email: guest.email.trim() } : {}),
    });
    setGuest(NO_GUEST);
    setTried(false);
  }

  return (
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
  );
}
