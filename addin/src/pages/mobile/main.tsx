import { lazy, Suspense } from "react";
import { SignInGate } from "../../components/SignInGate";
import { pageLocale } from "../../i18n";
import { mount, PageShell } from "../../shell";

// The list and its zod schemas load once signed in, keeping the phone's first chunk small.
const PhoneInvitations = lazy(() =>
  import("./PhonePage").then((module) => ({ default: module.PhoneInvitations })),
);

// The service worker keeps the page itself available offline; answers wait in the outbox.
if ("serviceWorker" in navigator) {
  void navigator.serviceWorker.register("./sw.js").catch(() => undefined);
}

mount(
  <PageShell locale={pageLocale()} title="page.mobile.title">
    <SignInGate>
      {(session) => (
        <Suspense>
          <PhoneInvitations session={session} />
        </Suspense>
      )}
    </SignInGate>
  </PageShell>,
);
