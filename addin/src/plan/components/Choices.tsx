import { Checkbox, makeStyles, tokens } from "@fluentui/react-components";
import type { ReactNode } from "react";

const useStyles = makeStyles({
  group: {
    display: "flex",
    flexWrap: "wrap",
    columnGap: tokens.spacingHorizontalM,
    border: "none",
    margin: 0,
    padding: 0,
  },
});

/** Checkboxes under one legend for which of `options` are chosen (catering items, a room's equipment). */
export function Choices<T extends string>({
  legend,
  options,
  labelOf,
  chosen,
  onChange,
  children,
}: {
  legend: string;
  options: readonly T[];
  labelOf: (option: T) => string;
  chosen: readonly T[];
  onChange: (chosen: T[]) => void;
  /** More checkboxes of the same group, after the options. */
  children?: ReactNode;
}) {
  const styles = useStyles();
  return (
    <fieldset className={styles.group}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <Checkbox
          key={option}
          label={labelOf(option)}
          checked={chosen.includes(option)}
          onChange={(_, data) =>
            onChange(data.checked === true ? [...chosen, option] : chosen.filter((c) => c !== option))
          }
        />
      ))}
      {children}
    </fieldset>
  );
}
