import {
  makeStyles,
  MessageBar,
  MessageBarBody,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from "@fluentui/react-components";
import { useCallback, useEffect, useMemo, useState, type ReactNode } from "react";
import type { ZodType } from "zod";
import type { ServiceSession } from "../../auth";
import { serviceJson, ServiceProblem, type PageService } from "../../components";
import { useLocale, useT } from "../../i18n";

export const useListStyles = makeStyles({
  day: { display: "flex", flexDirection: "column", gap: tokens.spacingVerticalS, overflowX: "auto" },
  action: { minHeight: "44px", minWidth: "44px" },
  extras: { display: "flex", gap: tokens.spacingHorizontalXS, flexWrap: "wrap" },
});

/** Below this width a row's columns do not fit side by side: each row reads as a card of "label value" lines. */
const NARROW = "@media (max-width: 599px)";

const useTableStyles = makeStyles({
  table: {
    [NARROW]: {
      // The headings stay for screen readers; each cell shows its own (data-label) on screen.
      "& thead": {
        position: "absolute",
        width: "1px",
        height: "1px",
        overflow: "hidden",
        clipPath: "inset(50%)",
        whiteSpace: "nowrap",
      },
      "& tbody": { display: "block" },
      "& tr": {
        display: "block",
        paddingBlock: tokens.spacingVerticalS,
        borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
      },
      "& td": {
        display: "grid",
        gridTemplateColumns: "8.5em minmax(0, 1fr)",
        columnGap: tokens.spacingHorizontalS,
        alignItems: "center",
        minHeight: "32px",
        paddingInline: 0,
      },
      "& td::before": {
        content: "attr(data-label)",
        fontWeight: tokens.fontWeightSemibold,
        color: tokens.colorNeutralForeground2,
      },
    },
  },
});

/** One cell of a day's row, named by its column (shown beside it on a narrow screen). */
export function DayCell({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <TableCell data-label={label}>
      <span>{children}</span>
    </TableCell>
  );
}

export interface DayListState<T> {
  data: T | null;
  failure: string | null;
  status: string;
  /** Runs a tap's call to the service, then says `done` and loads the list again (or says why it failed). */
  act: (call: (service: PageService) => Promise<unknown>, done: string) => Promise<void>;
}

/** A day list's data from the service at `path`, and the actions taken on it. */
export function useDayList<T>(session: ServiceSession, path: string, schema: ZodType<T>): DayListState<T> {
  const t = useT();
  const locale = useLocale();
  const service = useMemo(() => ({ session, locale }), [session, locale]);
  const [data, setData] = useState<T | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [status, setStatus] = useState("");

  const load = useCallback(async () => {
    try {
      setData(await serviceJson(service, path, schema));
    } catch (error) {
      setFailure(
        error instanceof ServiceProblem && error.status === 403
          ? t("pages.forbidden")
          : String(error instanceof Error ? error.message : error),
      );
    }
  }, [service, path, schema, t]);
  useEffect(() => {
    void load();
  }, [load]);

  const act = async (call: (service: PageService) => Promise<unknown>, done: string) => {
    try {
      await call(service);
      setStatus(done);
      await load();
    } catch (error) {
      setStatus(t("pages.failed", { reason: error instanceof Error ? error.message : String(error) }));
    }
  };
  return { data, failure, status, act };
}

/** The list once loaded, why it could not be, and the line its actions leave for screen readers too. */
export function DayListView<T>({
  list,
  children,
}: {
  list: DayListState<T>;
  children: (data: T) => ReactNode;
}) {
  const t = useT();
  if (list.failure)
    return (
      <MessageBar intent="error">
        <MessageBarBody>{t("pages.failed", { reason: list.failure })}</MessageBarBody>
      </MessageBar>
    );
  if (!list.data) return <Spinner label={t("app.loading")} />;
  return (
    <>
      <div role="status" aria-live="polite">
        {list.status}
      </div>
      {children(list.data)}
    </>
  );
}

/** A day's rows under their column headings; the table is named by its label or its day's heading. */
export function DayTable({
  columns,
  children,
  ...name
}: {
  columns: string[];
  children: ReactNode;
  "aria-label"?: string;
  "aria-labelledby"?: string;
}) {
  const styles = useTableStyles();
  return (
    <Table className={styles.table} {...name}>
      <TableHeader>
        <TableRow>
          {columns.map((column) => (
            <TableHeaderCell key={column}>{column}</TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>{children}</TableBody>
    </Table>
  );
}
