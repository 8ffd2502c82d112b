import { FluentProvider, Title1, tokens } from "@fluentui/react-components";
import { useEffect, type CSSProperties, type ReactNode } from "react";
import { I18nProvider, translate, type Locale, type MessageKey } from "../i18n";
import { pageTheme } from "./theme";
import { useColorScheme } from "./useColorScheme";

// Inline, not makeStyles: the frame is all a page paints first, and with no makeStyles of its
// own the first chunk leaves out Griffel's style compiler (Fluent's components come precompiled).
const PAGE: CSSProperties = {
  minHeight: "100vh",
  boxSizing: "border-box",
  padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
  display: "flex",
  flexDirection: "column",
  gap: tokens.spacingVerticalM,
};

interface PageShellProps {
  locale: Locale;
  title: MessageKey;
  children?: ReactNode;
}

/** Every page's frame: Fluent theme by the system's colour scheme, the page's language, one heading. */
export function PageShell({ locale, title, children }: PageShellProps) {
  const scheme = useColorScheme();
  const heading = translate(locale, title);

  useEffect(() => {
    document.documentElement.lang = locale;
    document.title = `${heading} – ${translate(locale, "app.name")}`;
  }, [locale, heading]);

  return (
    <FluentProvider theme={pageTheme(scheme)}>
      <I18nProvider locale={locale}>
        <main style={PAGE}>
          <Title1 as="h1">{heading}</Title1>
          {children}
        </main>
      </I18nProvider>
    </FluentProvider>
  );
}
