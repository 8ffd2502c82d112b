import type { DirectoryUser } from "../directory";
import type { AadstsBody } from "./errors";
import { TENANT_DISPLAY_NAME } from "./errors";

/** The sign-in pages speak Danish first and English second; both are on the page, each marked with its language. */

function escapeHtml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

const STYLE = `
  :root { color-scheme: light dark; font-family: "Segoe UI", system-ui, sans-serif; }
  body { margin: 0; display: grid; place-items: center; min-height: 100vh; background: Canvas; color: CanvasText; }
  main { max-width: 28rem; width: 100%; padding: 2rem; border: 1px solid GrayText; border-radius: 4px; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
  .en { color: GrayText; display: block; font-size: .9em; }
  ul { list-style: none; padding: 0; margin: 1.5rem 0 0; display: grid; gap: .5rem; }
  a.account { display: block; padding: .75rem 1rem; border: 1px solid GrayText; border-radius: 4px;
    color: inherit; text-decoration: none; }
  a.account:hover { background: color-mix(in srgb, LinkText 10%, Canvas); }
  a.account:focus-visible { outline: 3px solid LinkText; outline-offset: 2px; }
  a.account.suggested { border-width: 2px; border-color: LinkText; }
  .name { font-weight: 600; display: block; }
  .detail { font-size: .875em; }
  pre { white-space: pre-wrap; font-size: .8rem; }
`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>`;
}

export interface AccountChoice {
  user: DirectoryUser;
  href: string;
  suggested: boolean;
}

export function signInPage(appName: string, choices: AccountChoice[]): string {
  const items = choices
    .map(({ user, href, suggested }) => {
      const detail = [user.jobTitle ?? user.department, user.userPrincipalName].filter(Boolean).join(" · ");
      return `<li><a class="account${suggested ? " suggested" : ""}" href="${escapeHtml(href)}"${
        suggested ? ' aria-describedby="suggested" autofocus' : ""
      }><span class="name">${escapeHtml(user.displayName)}</span><span class="detail">${escapeHtml(detail)}</span></a></li>`;
    })
    .join("\n");
  const suggestedNote = choices.some((c) => c.suggested)
    ? `<p id="suggested">Den fremhævede konto blev foreslået af appen. <span lang="en" class="en">The highlighted account was suggested by the app.</span></p>`
    : "";
  return page(
    "Vælg en konto – Pick an account",
    `<h1>Vælg en konto <span lang="en" class="en">Pick an account</span></h1>
<p>Log ind på <strong>${escapeHtml(appName)}</strong> i ${escapeHtml(TENANT_DISPLAY_NAME)}.
<span lang="en" class="en">Sign in to ${escapeHtml(appName)} in ${escapeHtml(TENANT_DISPLAY_NAME)}.</span></p>
${suggestedNote}
<nav aria-label="Konti / Accounts"><ul>
${items}
</ul></nav>`,
  );
}

export function errorPage(body: AadstsBody): string {
  const [first] = body.error_description.split("\r\n");
  return page(
    "Der opstod en fejl – Sign-in error",
    `<h1>Vi kunne ikke logge dig på <span lang="en" class="en">We couldn't sign you in</span></h1>
<p role="alert" lang="en">${escapeHtml(first ?? "")}</p>
<pre lang="en">Error: ${escapeHtml(body.error)}
Trace ID: ${escapeHtml(body.trace_id)}
Correlation ID: ${escapeHtml(body.correlation_id)}
Timestamp: ${escapeHtml(body.timestamp)}</pre>`,
  );
}

/** `response_mode=form_post`: the browser posts the answer to the redirect URI by itself. */
export function formPostPage(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join("\n");
  return page(
    "Logger ind – Signing in",
    `<form method="post" action="${escapeHtml(redirectUri)}">
${inputs}
<p>Du bliver sendt videre. <span lang="en" class="en">You are being redirected.</span></p>
<button type="submit">Fortsæt <span lang="en">(Continue)</span></button>
</form>
<script>document.forms[0].submit();</script>`,
  );
}

export function signedOutPage(): string {
  return page(
    "Du er logget ud – You signed out",
    `<h1>Du er logget ud <span lang="en" class="en">You signed out of your account</span></h1>
<p>Du kan lukke vinduet. <span lang="en" class="en">It's a good idea to close all browser windows.</span></p>`,
  );
}
