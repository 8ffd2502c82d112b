import { SignInGate } from "../../components";
import { pageLocale } from "../../i18n";
import { mount, PageShell } from "../../shell";
import { WeekPage } from "./WeekPage";

mount(
  <PageShell locale={pageLocale()} title="page.week.title">
    <SignInGate>{(session) => <WeekPage session={session} />}</SignInGate>
  </PageShell>,
);
