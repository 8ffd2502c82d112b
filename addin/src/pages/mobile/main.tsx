import { SignInGate } from "../../components";
import { pageLocale } from "../../i18n";
import { mount, PageShell } from "../../shell";
import { PhoneInvitations } from "./PhonePage";

// The service worker keeps the page itself available offline; answers wait in the outbox.
if ("serviceWorker" in navigator) {
  void navigator.serviceWorker.register("./sw.js").catch(() => undefined);
}

mount(
  <PageShell locale={pageLocale()} title="page.mobile.title">
    <SignInGate>{(session) => <PhoneInvitations session={session} />}</SignInGate>
  </PageShell>,
);
