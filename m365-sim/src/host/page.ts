import type { HostPageConfig } from "./config";

/**
 * The Outlook host page's HTML: the frame the host script fills. Danish first, English
 * beside it (marked with its language); usable at 1024 px and narrower.
 */

const STYLE = `
  :root { color-scheme: light dark; font-family: "Segoe UI", system-ui, sans-serif; --accent: #0f6cbd; }
  * { box-sizing: border-box; }
  body { margin: 0; background: Canvas; color: CanvasText; }
  .en { color: GrayText; font-size: .85em; }
  header { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; padding: .5rem 1rem;
    background: var(--accent); color: white; }
  header h1 { font-size: 1.1rem; margin: 0; }
  header .en { color: #dbe9f7; }
  header button .en { color: GrayText; }
  header .who { margin-left: auto; }
  button, select { font: inherit; padding: .35rem .75rem; border: 1px solid GrayText; border-radius: 4px;
    background: ButtonFace; color: ButtonText; cursor: pointer; }
  button:focus-visible, select:focus-visible, a:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
  button[aria-pressed="true"] { background: var(--accent); color: white; }
  main { display: grid; grid-template-columns: minmax(12rem, 18rem) 1fr auto; min-height: calc(100vh - 4rem); }
  nav.week { border-right: 1px solid GrayText; padding: .75rem; overflow: auto; }
  nav.week h2, section h2 { font-size: 1rem; margin: .5rem 0; }
  nav.week ol { list-style: none; margin: 0; padding: 0; }
  nav.week li.day { margin-top: .75rem; font-weight: 600; }
  nav.week button.meeting { display: block; width: 100%; text-align: left; margin: .25rem 0; font-weight: 400; }
  nav.week button.meeting[aria-current="true"] { border-color: var(--accent); border-width: 2px; }
  .toolbar { display: flex; flex-wrap: wrap; gap: .5rem; align-items: center; }
  section.reading { padding: .75rem 1rem; overflow: auto; }
  .ribbon { display: flex; flex-wrap: wrap; gap: .5rem; padding: .5rem 0; border-bottom: 1px solid GrayText; }
  .ribbon button { display: inline-flex; gap: .4rem; align-items: center; }
  .ribbon img { width: 20px; height: 20px; }
  form.compose { display: grid; gap: .75rem; max-width: 32rem; }
  form.compose label { display: grid; gap: .25rem; font-weight: 600; }
  form.compose input { font: inherit; padding: .35rem; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  aside.pane { width: 20rem; border-left: 1px solid GrayText; display: flex; flex-direction: column; }
  aside.pane[hidden] { display: none; }
  aside.pane .bar { display: flex; gap: .5rem; align-items: center; padding: .4rem .5rem; border-bottom: 1px solid GrayText; }
  aside.pane .bar h2 { flex: 1; font-size: 1rem; margin: 0; }
  aside.pane iframe { flex: 1; border: 0; width: 100%; min-height: 30rem; }
  [role="alert"] { color: #c50f1f; }
  #status { margin: 0; padding: 0 1rem; }
  #status:empty { display: none; }
  @media (max-width: 900px) {
    main { grid-template-columns: 1fr; }
    nav.week { border-right: 0; border-bottom: 1px solid GrayText; max-height: 40vh; }
    aside.pane { width: 100%; border-left: 0; border-top: 1px solid GrayText; }
    aside.pane iframe { min-height: 80vh; }
  }
`;

/** JSON inside a script element must not close it. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

export function hostPage(config: HostPageConfig): string {
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Outlook (simulator) – Kalender</title>
<style>${STYLE}</style>
</head>
<body>
<header>
  <h1>Outlook <span lang="en" class="en">(simulator)</span></h1>
  <div class="toolbar" id="calendar-picker"></div>
  <div class="who" id="who"></div>
</header>
<p id="status" role="status" aria-live="polite"></p>
<main id="app" hidden>
  <nav class="week" aria-labelledby="week-title">
    <h2 id="week-title"></h2>
    <div class="toolbar">
      <button type="button" id="previous-week">Forrige uge <span lang="en" class="en">Previous week</span></button>
      <button type="button" id="next-week">Næste uge <span lang="en" class="en">Next week</span></button>
      <button type="button" id="new-meeting">Nyt møde <span lang="en" class="en">New meeting</span></button>
    </div>
    <ol id="meetings"></ol>
  </nav>
  <section class="reading" id="reading" aria-labelledby="reading-title">
    <h2 id="reading-title">Vælg et møde <span lang="en" class="en">Pick a meeting</span></h2>
  </section>
  <aside class="pane" id="pane" hidden aria-labelledby="pane-title">
    <div class="bar">
      <h2 id="pane-title"></h2>
      <button type="button" id="pin" aria-pressed="false">Fastgør <span lang="en" class="en">Pin</span></button>
      <button type="button" id="close-pane">Luk <span lang="en" class="en">Close</span></button>
    </div>
  </aside>
</main>
<script type="application/json" id="host-config">${scriptJson(config)}</script>
<script src="outlook.js"></script>
</body>
</html>`;
}
