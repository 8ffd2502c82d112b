import { Badge, makeStyles, Select, Subtitle2, tokens, useId } from "@fluentui/react-components";
import { STEP_STATES, type StepName, type StepState } from "@modeklar/shared";
import type { ReactNode } from "react";
import { useT } from "../../i18n";
import { usePlanContext, useSharedT } from "./context";

const useStyles = makeStyles({
  section: {
    display: "flex",
    flexDirection: "column",
    gap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalM,
    borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  header: {
    display: "flex",
    alignItems: "center",
    justifyContent: "space-between",
    gap: tokens.spacingHorizontalS,
    flexWrap: "wrap",
  },
  state: { minWidth: "9rem" },
});

const BADGE: Record<StepState, "informative" | "warning" | "brand" | "success"> = {
  notNeeded: "informative",
  todo: "warning",
  ordered: "brand",
  confirmed: "success",
};

/**
 * One step of the plan: its heading, its state and its form, shown at once. The state follows
 * what the secretary does (filling in makes it to-do, ordering "Bestilt", the answer
 * "Bekræftet"); the state list is there to say "Ikke nødvendig" or to correct it by hand.
 */
export function StepSection({ step, children }: { step: StepName; children?: ReactNode }) {
  const styles = useStyles();
  const t = useT();
  const shared = useSharedT();
  const { session } = usePlanContext();
  const state = session.plan[step].state;
  const headingId = useId("step");
  const name = shared(`step.${step}`);
  return (
    <section className={styles.section} aria-labelledby={headingId} data-step={step}>
      <div className={styles.header}>
        <Subtitle2 as="h3" id={headingId}>
          {name}
        </Subtitle2>
        <Badge appearance="tint" color={BADGE[state]}>
          {shared(`state.${state}`)}
        </Badge>
      </div>
      <Select
        className={styles.state}
        aria-label={t("plan.stepState", { step: name })}
        value={state}
        onChange={(_, data) =>
          session.edit((plan) => ({ ...plan, [step]: { ...plan[step], state: data.value as StepState } }))
        }
      >
        {STEP_STATES.map((value) => (
          <option key={value} value={value}>
            {shared(`state.${value}`)}
          </option>
        ))}
      </Select>
      {children}
    </section>
  );
}
