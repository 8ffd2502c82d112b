import {
  makeStyles,
  Menu,
  MenuButton,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  tokens,
  typographyStyles,
} from "@fluentui/react-components";
import type { PriorityClass, WeeklyDecision, WeekMeeting } from "@modeklar/shared";
import { useEffect, useRef, useState } from "react";
import { useT } from "../../i18n";

export interface Decision {
  meeting: WeekMeeting;
  decision: WeeklyDecision;
  priorityClass?: PriorityClass;
}

// The closed control is a native button in the look of Fluent's secondary Button: a board of
// four weeks would otherwise mount hundreds of Fluent Buttons nobody presses.
const useStyles = makeStyles({
  closed: {
    ...typographyStyles.body1Strong,
    minHeight: "32px",
    minWidth: "64px",
    paddingBlock: tokens.spacingVerticalXS,
    paddingInline: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    cursor: "pointer",
    ":hover": {
      backgroundColor: tokens.colorNeutralBackground1Hover,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1Hover}`,
    },
    ":active": {
      backgroundColor: tokens.colorNeutralBackground1Pressed,
      border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1Pressed}`,
    },
    ":focus-visible": {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      outlineOffset: tokens.strokeWidthThin,
    },
  },
});

/** A plain button until first opened, then a Fluent Menu of the decisions the meeting allows. */
export function DecisionMenu({
  meeting,
  onDecide,
}: {
  meeting: WeekMeeting;
  onDecide: (d: Decision) => void;
}) {
  const t = useT();
  const styles = useStyles();
  const [opened, setOpened] = useState(false);
  const [open, setOpen] = useState(false);
  const trigger = useRef<HTMLButtonElement>(null);
  const label = t("week.decisionFor", { subject: meeting.subject });
  // The Menu's button replaces the plain one, so keyboard focus moves along with it; the menu
  // opens once that button is there, and Fluent then moves focus to its first item, as a
  // keyboard user expects (opened together with the swap, focus stayed on the button).
  useEffect(() => {
    if (!opened) return;
    trigger.current?.focus();
    setOpen(true);
  }, [opened]);
  if (!opened) {
    return (
      <button
        type="button"
        className={styles.closed}
        aria-label={label}
        aria-haspopup="menu"
        aria-expanded={false}
        onClick={() => setOpened(true)}
      >
        {t("week.decide")}
      </button>
    );
  }
  const decisions: WeeklyDecision[] =
    meeting.attendance === "pending"
      ? ["accept", "decline", "sendChiefOfStaff", "orderMaterial"]
      : ["sendChiefOfStaff", "orderMaterial"];
  return (
    <Menu open={open} onOpenChange={(_, data) => setOpen(data.open)}>
      <MenuTrigger disableButtonEnhancement>
        <MenuButton ref={trigger} aria-label={label}>
          {t("week.decide")}
        </MenuButton>
      </MenuTrigger>
      <MenuPopover>
        <MenuList>
          {decisions.map((decision) => (
            <MenuItem key={decision} onClick={() => onDecide({ meeting, decision })}>
              {t(`decision.${decision}`)}
            </MenuItem>
          ))}
          {([1, 2, 3] as const).map((priorityClass) => (
            <MenuItem
              key={`pin-${priorityClass}`}
              onClick={() => onDecide({ meeting, decision: "pinPriority", priorityClass })}
            >
              {`${t("decision.pinPriority")}: ${t(`priority.${priorityClass}`)}`}
            </MenuItem>
          ))}
        </MenuList>
      </MenuPopover>
    </Menu>
  );
}
