import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  checkValuesAndLint,
  describeObjects,
  newPreflight,
  renderAndCheck,
  validateReport,
  warmUp
} from "./chunk-4QR2PZHU.js";
import "./chunk-FJ4TAWZR.js";
import "./chunk-FCRLM365.js";
import "./chunk-FNM5R2QI.js";
import {
  info
} from "./chunk-EJN3PRND.js";
import "./chunk-R5UD73HC.js";
import "./chunk-SK5B422H.js";

// src/report/validate-summary.ts
var esc = (s) => s.replace(/\|/g, "\\|").replace(/\r?\n/g, "<br>");
var code = (s) => `\`${s.replace(/`/g, "'")}\``;
var ICON = { error: "\u274C", warning: "\u26A0\uFE0F", info: "\u2139\uFE0F" };
var OUTCOME = { passed: "\u2705", failed: "\u274C", "not run": "\u23ED\uFE0F" };
var FINDINGS_SHOWN = 50;
function renderValidateSummary(r) {
  const count = (s) => r.findings.filter((f) => f.severity === s).length;
  const errors = count("error");
  const warnings = count("warning");
  const total = r.objects.reduce((n, o) => n + o.names.length, 0);
  const where = `${code(r.release)}${r.namespace ? ` in ${code(r.namespace)}` : ""}`;
  const lines = [
    errors > 0 ? `### \u274C Validation of ${where} failed: ${errors} error(s), ${warnings} warning(s)` : `### \u2705 Validated ${where}: ${total} object(s), ${warnings} warning(s)`,
    ""
  ];
  lines.push(
    `Chart ${code(r.chart)}${r.chartVersion ? ` (${code(r.chartVersion)})` : ""} \xB7 Helm ${code(r.helmVersion)} \xB7 ${r.durationSeconds}s`,
    "",
    `Values: ${r.valuesFiles.length > 0 ? r.valuesFiles.map(code).join(" \u2192 ") : "the chart defaults only"}${r.setKeys.length > 0 ? `, then ${r.setKeys.map(code).join(", ")} (values not shown)` : ""}`
  );
  lines.push("", "| Check | Result |", "| --- | --- |");
  for (const c of r.checks)
    lines.push(`| ${esc(c.name)} | ${OUTCOME[c.outcome]} ${esc(c.detail)} |`);
  if (r.findings.length > 0) {
    lines.push(
      "",
      "#### Findings",
      "",
      "| | Check | Where | Finding |",
      "| --- | --- | --- | --- |"
    );
    for (const severity of ["error", "warning", "info"]) {
      const of = r.findings.filter((f) => f.severity === severity);
      for (const f of of.slice(0, FINDINGS_SHOWN))
        lines.push(
          `| ${ICON[severity]} | ${esc(f.check)} | ${f.where ? code(f.where) : ""} | ${esc(f.message)} |`
        );
      if (of.length > FINDINGS_SHOWN)
        lines.push(
          `| ${ICON[severity]} | | | \u2026and ${of.length - FINDINGS_SHOWN} more (see the log) |`
        );
    }
  }
  if (total > 0) {
    lines.push(
      "",
      `<details><summary>${total} rendered object(s)${r.hooks > 0 ? `, ${r.hooks} of them hooks` : ""}</summary>`,
      "",
      "| Kind | Count | Names |",
      "| --- | --- | --- |"
    );
    for (const o of r.objects)
      lines.push(`| ${o.kind} | ${o.names.length} | ${o.names.map(code).join(", ")} |`);
    lines.push("", "</details>");
  }
  return `${lines.join("\n")}
`;
}

// src/modes/validate.ts
async function validateMode(s, deps) {
  const p = newPreflight();
  let failure;
  try {
    await checkValuesAndLint(s, p);
    await renderAndCheck(s, void 0, p);
  } catch (e) {
    failure = e;
  }
  const rendered = p.rendered;
  await deps.reporter.summary(
    renderValidateSummary(validateReport(s, p, (Date.now() - deps.started) / 1e3))
  );
  if (failure || !rendered) throw failure;
  info(
    `Plan for release ${s.config.release}${s.config.namespace ? ` in ${s.config.namespace}` : ""}:`
  );
  for (const line of describeObjects(rendered.objects)) info(`  ${line}`);
  info(`  Images: ${rendered.images.join(", ") || "(none)"}`);
  info(`Validated: ${rendered.objects.length} objects.`);
  return { outputs: { status: "validated", images: rendered.images } };
}
export {
  validateMode,
  warmUp
};
//# sourceMappingURL=validate-SNEFWU7V.js.map
