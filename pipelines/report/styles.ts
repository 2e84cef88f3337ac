/**
 * The report's stylesheet, inlined in its <style>: colours as variables per theme (the
 * reader's prefers-color-scheme), the same variables the charts use; a print layout that keeps
 * cards whole and drops the navigation. Status is never told by colour alone: every badge has a
 * symbol and a word.
 */
const LIGHT = `
  --bg: #f5f6f8; --panel: #ffffff; --panel-alt: #f9fafb; --text: #1d2127; --muted: #5f6671; --line: #e2e4e9; --line-strong: #cdd1d8;
  --accent: #2f6fb3; --code-bg: #f1f3f6;
  --ok: #1a7f37; --ok-bg: #e9f6ed; --ok-line: #b5e0c1;
  --warn: #9a5b00; --warn-bg: #fff5e1; --warn-line: #f2d19b;
  --reject: #6a3fb5; --reject-bg: #f3effb; --reject-line: #d5c6f0;
  --fail: #b42318; --fail-bg: #fef1f0; --fail-line: #f4c0bb;
  --neutral: #3f5f86; --neutral-bg: #edf2f8; --neutral-line: #c9d6e6;
  --unmeasured: #0e6f84; --unmeasured-bg: #e5f5f8; --unmeasured-line: #9fd3de;
  --chart-bar: #3b6ea8; --chart-other: #aab0ba; --chart-baseline: #0072b2; --chart-current: #e69f00;
  color-scheme: light;`;

const DARK = `
  --bg: #111317; --panel: #1a1d23; --panel-alt: #1f2329; --text: #e6e8eb; --muted: #9aa1ab; --line: #2c3139; --line-strong: #3a404a;
  --accent: #6ea8e6; --code-bg: #242932;
  --ok: #57c878; --ok-bg: #14261b; --ok-line: #245536;
  --warn: #f0a35c; --warn-bg: #2b2116; --warn-line: #5e4424;
  --reject: #b99cf2; --reject-bg: #231d33; --reject-line: #45376a;
  --fail: #f97066; --fail-bg: #2e1a19; --fail-line: #6b2c27;
  --neutral: #9dbbe0; --neutral-bg: #1c2633; --neutral-line: #2f4158;
  --unmeasured: #5cc8dc; --unmeasured-bg: #12282d; --unmeasured-line: #255963;
  --chart-bar: #6ea8e6; --chart-other: #5d646f; --chart-baseline: #56b4e9; --chart-current: #e69f00;
  color-scheme: dark;`;

export const STYLES = `
:root {${LIGHT}
  --mono: ui-monospace, SFMono-Regular, "SF Mono", Menlo, Consolas, "Liberation Mono", monospace;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
}
@media (prefers-color-scheme: dark) { :root {${DARK} } }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--text); font: 14px/1.5 var(--sans); font-variant-numeric: tabular-nums; }
main { max-width: 1240px; margin: 0 auto; padding: 28px 28px 48px; }
h1, h2, h3, h4 { line-height: 1.25; margin: 0; font-weight: 650; }
h1 { font-size: 28px; letter-spacing: -0.01em; }
h2 { font-size: 19px; margin-bottom: 14px; }
h3 { font-size: 15px; }
h4 { font-size: 13px; }
p { margin: 0 0 8px; }
code, .mono { font-family: var(--mono); font-size: 0.92em; }
code { background: var(--code-bg); padding: 1px 5px; border-radius: 4px; overflow-wrap: anywhere; }
a { color: var(--accent); }
.muted { color: var(--muted); }
h3.subhead { margin: 22px 0 10px; }
h4.subhead { margin: 12px 0 6px; }
.spaced { margin-top: 8px; }
th.bar-cell { width: 30%; }
.small { font-size: 12px; }
.eyebrow { font-size: 12px; letter-spacing: 0.08em; text-transform: uppercase; color: var(--muted); font-weight: 600; }

header.masthead { display: grid; gap: 14px; margin-bottom: 20px; }
.title-row { display: flex; flex-wrap: wrap; align-items: center; gap: 12px 18px; }
.banner { display: flex; gap: 14px; align-items: flex-start; padding: 16px 18px; border-radius: 10px; border: 1px solid; }
.banner .mark { font-size: 22px; line-height: 1; font-weight: 700; width: 36px; height: 36px; border-radius: 50%; display: grid; place-items: center; flex: none; color: var(--panel); }
.banner strong { font-size: 18px; letter-spacing: 0.04em; }
.banner ul { margin: 6px 0 0; padding-left: 18px; }
.banner.passed { background: var(--ok-bg); border-color: var(--ok-line); }
.banner.passed .mark { background: var(--ok); }
.banner.passed strong { color: var(--ok); }
.banner.failed { background: var(--fail-bg); border-color: var(--fail-line); }
.banner.failed .mark { background: var(--fail); }
.banner.failed strong { color: var(--fail); }

dl.meta { display: grid; grid-template-columns: repeat(auto-fill, minmax(190px, 1fr)); gap: 10px 18px; margin: 0; padding: 14px 18px; background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
dl.meta div { min-width: 0; }
dl.meta dt { font-size: 11px; text-transform: uppercase; letter-spacing: 0.06em; color: var(--muted); font-weight: 600; }
dl.meta dd { margin: 2px 0 0; overflow-wrap: anywhere; }

nav.toc { position: sticky; top: 0; z-index: 2; display: flex; flex-wrap: wrap; gap: 4px 6px; padding: 8px 0; margin-bottom: 8px; background: var(--bg); border-bottom: 1px solid var(--line); }
nav.toc a { text-decoration: none; color: var(--muted); padding: 3px 10px; border-radius: 999px; font-size: 13px; }
nav.toc a:hover, nav.toc a:focus-visible { background: var(--panel); color: var(--text); outline: 1px solid var(--line); }
nav.toc .count { font-size: 11px; margin-left: 4px; color: var(--muted); }

section { margin-top: 34px; scroll-margin-top: 52px; }
.section-head { display: flex; align-items: baseline; justify-content: space-between; gap: 12px; flex-wrap: wrap; margin-bottom: 12px; }
.section-head h2 { margin: 0; }
.section-head.later { margin-top: 26px; }
.card { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 16px 18px; }
.card + .card { margin-top: 14px; }
.grid > .card + .card { margin-top: 0; }
.card-head { display: flex; flex-wrap: wrap; align-items: center; gap: 6px 10px; margin-bottom: 10px; }
.card-head .grow { flex: 1; }
.grid { display: grid; gap: 14px; }
.grid.profiles { grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); }
.grid.drift { grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); margin-top: 12px; }
.grid.drift figure { border: 1px solid var(--line); border-radius: 8px; padding: 10px 12px; background: var(--panel-alt); }

.stats { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; }
.stat { background: var(--panel); border: 1px solid var(--line); border-radius: 10px; padding: 12px 16px; border-top: 3px solid var(--line-strong); }
.stat .value { font-size: 26px; font-weight: 650; letter-spacing: -0.01em; }
.stat .label { color: var(--muted); font-size: 12px; text-transform: uppercase; letter-spacing: 0.06em; font-weight: 600; }
.stat.kept { border-top-color: var(--ok); }
.stat.rejected { border-top-color: var(--reject); }
.stat.dropped { border-top-color: var(--chart-other); }
.equation { margin: 12px 0 0; padding: 10px 14px; background: var(--panel); border: 1px dashed var(--line-strong); border-radius: 8px; font-family: var(--mono); font-size: 13px; display: flex; flex-wrap: wrap; align-items: center; gap: 8px 14px; }
.equation .holds { color: var(--ok); font-family: var(--sans); font-weight: 600; }
.equation .broken { color: var(--fail); font-family: var(--sans); font-weight: 600; }
.flow { display: flex; height: 10px; border-radius: 5px; overflow: hidden; margin-top: 10px; background: var(--line); }
.flow span { display: block; height: 100%; min-width: 2px; }
.flow .kept { background: var(--ok); }
.flow .rejected { background: var(--reject); }
.flow .dropped { background: var(--chart-other); }
.tally { display: flex; flex-wrap: wrap; gap: 8px; margin-top: 14px; }

.badge { display: inline-flex; align-items: center; gap: 5px; padding: 1px 9px 1px 7px; border-radius: 999px; border: 1px solid; font-size: 12px; font-weight: 600; white-space: nowrap; line-height: 1.6; }
.badge .sym { font-weight: 700; }
.badge.passed, .badge.ok { color: var(--ok); background: var(--ok-bg); border-color: var(--ok-line); }
.badge.warned { color: var(--warn); background: var(--warn-bg); border-color: var(--warn-line); }
.badge.rejected { color: var(--reject); background: var(--reject-bg); border-color: var(--reject-line); }
.badge.failed { color: var(--fail); background: var(--fail-bg); border-color: var(--fail-line); }
.badge.not_evaluated { color: var(--unmeasured); background: var(--unmeasured-bg); border-color: var(--unmeasured-line); border-style: dashed; }
.badge.done { color: var(--neutral); background: var(--neutral-bg); border-color: var(--neutral-line); }
.badge.skipped, .badge.plain { color: var(--muted); background: transparent; border-color: var(--line-strong); }
.type { font-family: var(--mono); font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; }

.table-wrap { overflow-x: auto; background: var(--panel); border: 1px solid var(--line); border-radius: 10px; }
.card .table-wrap { border-radius: 8px; }
table { border-collapse: collapse; width: 100%; font-size: 13px; }
th, td { text-align: left; padding: 7px 10px; border-bottom: 1px solid var(--line); vertical-align: top; }
thead th { font-size: 11px; text-transform: uppercase; letter-spacing: 0.05em; color: var(--muted); font-weight: 600; background: var(--panel-alt); white-space: nowrap; position: sticky; top: 0; }
tbody tr:last-child td { border-bottom: 0; }
tbody tr:hover td { background: var(--panel-alt); }
td.num, th.num { text-align: right; white-space: nowrap; }
table.slices tr.flagged th, table.slices tr.flagged td:last-child { color: var(--fail); font-weight: 600; }
td.id { font-family: var(--mono); font-weight: 600; white-space: nowrap; }
tr.row-failed td { background: var(--fail-bg); }
tr.row-warned td { background: var(--warn-bg); }
tr.row-failed td:first-child { box-shadow: inset 3px 0 var(--fail); }
tr.row-warned td:first-child { box-shadow: inset 3px 0 var(--warn); }
tr.row-rejected td:first-child { box-shadow: inset 3px 0 var(--reject); }
tr.row-not-evaluated td { background: var(--unmeasured-bg); }
tr.row-not-evaluated td:first-child { box-shadow: inset 3px 0 var(--unmeasured); }
.not-evaluated-reason { color: var(--unmeasured); font-size: 12px; margin-top: 4px; }
.fields { font-family: var(--mono); font-size: 11.5px; line-height: 1.45; margin: 0; padding: 0; list-style: none; max-width: 440px; overflow-wrap: anywhere; }
.fields li + li { margin-top: 1px; }
.fields .k { color: var(--muted); }
.fields .k::after { content: ":"; }
.fields .param { color: var(--muted); }
.fields .observed { color: var(--text); font-weight: 600; }
.fields .observed .k { font-weight: 400; }
.fields .fitted .k::before { content: "fitted "; }
.fields .param + .observed, .fields .param + .fitted, .fields .observed + .fitted { margin-top: 4px; padding-top: 4px; border-top: 1px dotted var(--line-strong); }
.observed-key { color: var(--text); }
table.steps td.step { min-width: 220px; max-width: 320px; }
table.steps .id { font-family: var(--mono); font-weight: 650; }
table.steps .kind { font-family: var(--mono); font-size: 11px; color: var(--muted); border: 1px solid var(--line); border-radius: 4px; padding: 0 5px; white-space: nowrap; }
table.steps .settings { font-size: 11.5px; color: var(--muted); margin-top: 2px; }
.desc { color: var(--muted); font-size: 12px; margin-top: 3px; line-height: 1.4; }
table.compact { width: 100%; }
.examples { display: flex; flex-wrap: wrap; gap: 12px; align-items: flex-start; }
.examples .table-wrap { flex: 0 1 auto; min-width: 280px; }
.drift-single { display: grid; grid-template-columns: minmax(260px, 1fr) minmax(0, 1.4fr); gap: 18px; align-items: start; }
.drift-single .grid.drift { grid-template-columns: 1fr; margin-top: 0; }
table.compact td, table.compact th { padding: 4px 12px; }
.bar { position: relative; height: 8px; min-width: 80px; background: var(--line); border-radius: 4px; overflow: hidden; }
.bar span { position: absolute; inset: 0 auto 0 0; background: var(--reject); border-radius: 4px; }

dl.kv { display: grid; grid-template-columns: max-content 1fr; gap: 3px 14px; margin: 0 0 10px; font-size: 13px; }
dl.kv dt { color: var(--muted); }
dl.kv dd { margin: 0; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
.note { margin: 8px 0 0; padding: 8px 12px; border-left: 3px solid var(--line-strong); background: var(--panel-alt); color: var(--muted); font-size: 12.5px; border-radius: 0 6px 6px 0; }
.empty { color: var(--muted); font-style: italic; }
.legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12px; color: var(--muted); align-items: center; }
.swatch { display: inline-block; width: 14px; height: 10px; border-radius: 2px; vertical-align: -1px; margin-right: 6px; }
.swatch.baseline { background: var(--chart-baseline); opacity: 0.7; }
.swatch.current { background: transparent; border: 2px dashed var(--chart-current); }

figure { margin: 0; min-width: 0; }
figure figcaption { display: flex; align-items: center; gap: 8px; flex-wrap: wrap; font-size: 13px; margin-bottom: 4px; }
figure figcaption .name { font-family: var(--mono); font-weight: 600; }
figure svg { display: block; max-width: 100%; height: auto; color: var(--text); }
figure svg [aria-label$="tick label"], figure svg [aria-label$="axis label"] { fill: var(--muted); }
.profile h3 { font-family: var(--mono); font-size: 14px; overflow-wrap: anywhere; }
.profile dl.kv { grid-template-columns: max-content 1fr max-content 1fr; font-size: 12.5px; }
.profile.wide-values dl.kv { grid-template-columns: max-content 1fr; }
.profile .chart { margin-top: 6px; }
.pii { color: var(--warn); font-weight: 600; }
.step-warning { color: var(--warn); font-size: 12px; margin-top: 2px; }
.schema { display: flex; flex-wrap: wrap; gap: 4px 6px; margin-top: 8px; }
.schema span { font-family: var(--mono); font-size: 11.5px; background: var(--code-bg); border-radius: 4px; padding: 1px 6px; }
.schema span i { font-style: normal; color: var(--muted); }
.hash { font-family: var(--mono); font-size: 12px; color: var(--muted); }
details summary { cursor: pointer; color: var(--accent); font-size: 12px; }
footer { margin-top: 44px; padding-top: 14px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }

@media (max-width: 760px) {
  main { padding: 18px 14px 36px; }
  .stats { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .grid.drift, .grid.profiles, .drift-single { grid-template-columns: 1fr; }
}
@media print {
  :root {${LIGHT} }
  body { background: #fff; font-size: 11px; }
  main { max-width: none; padding: 0; }
  nav.toc { display: none; }
  section { margin-top: 18px; }
  h2 { break-after: avoid; }
  .card, figure, .stat, tr, .banner { break-inside: avoid; }
  .table-wrap { overflow: visible; border-radius: 0; }
  table { font-size: 9.5px; }
  th, td { padding: 4px 5px; }
  thead th { font-size: 8.5px; letter-spacing: 0.02em; white-space: normal; }
  .fields { font-size: 9px; max-width: 230px; }
  table.steps td.step { min-width: 0; max-width: 170px; }
  table.steps .time { display: none; }
  .badge { font-size: 9.5px; padding: 0 6px 0 5px; }
  .stat .value { font-size: 20px; }
  thead th { position: static; }
  tbody tr:hover td { background: none; }
  .grid.profiles { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  .grid.drift { grid-template-columns: repeat(2, minmax(0, 1fr)); }
  a { color: inherit; text-decoration: none; }
  @page { margin: 14mm 12mm; }
}
`;
