// The weekly view's board alone, fed 4 weeks × 60 meetings, for `npm run bench -- pages`.
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { StrictMode, useLayoutEffect } from "react";
import { createRoot } from "react-dom/client";
import { I18nProvider } from "../../addin/src/i18n";
import { WeekBoard } from "../../addin/src/pages/week/WeekBoard";
import { measureRendered, view } from "./meetings";

function Measured() {
  useLayoutEffect(measureRendered, []);
  return <WeekBoard view={view} onDecide={() => undefined} />;
}

performance.mark("modeklar:week-data");
createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <FluentProvider theme={webLightTheme}>
      <I18nProvider locale="da">
        <Measured />
      </I18nProvider>
    </FluentProvider>
  </StrictMode>,
);
