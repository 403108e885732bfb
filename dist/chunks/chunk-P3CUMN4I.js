import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);
import {
  describeFailure,
  formatValue
} from "./chunk-LIHTJWZN.js";

// src/analysis/summary.ts
var esc = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
var ICON = {
  pass: "\u2705",
  fail: "\u274C",
  "no-data": "\u2205",
  unreachable: "\u26A0\uFE0F",
  rejected: "\u26D4"
};
var VERDICT = {
  passed: "\u2705 passed",
  failed: "\u274C failed",
  unreachable: "\u274C not evaluated (metrics endpoint unreachable)",
  ignored: "\u26A0\uFE0F NOT evaluated (on-unreachable: ignore)"
};
function cell(m) {
  const shown = m.values.length === 0 ? m.outcome === "no-data" ? `no data${m.failed ? "" : " (passes)"}` : m.outcome : m.values.slice(0, 3).map((v) => `${v.series ? `${v.series} ` : ""}${formatValue(v.value)}`).join(", ") + (m.values.length > 3 ? ` +${m.values.length - 3}` : "");
  return `${ICON[m.outcome]} ${shown}`;
}
function renderGate(r, title) {
  const rounds = Math.max(0, ...r.queries.map((q) => q.measurements.length));
  const at = r.queries.find((q) => q.measurements.length === rounds)?.measurements.map((m) => m.at) ?? [];
  const lines = [
    `#### ${title}: ${VERDICT[r.verdict.kind]}`,
    "",
    `| Query | Condition | ${at.map((t) => `${t}s`).join(" | ")} |`,
    `| --- | --- | ${at.map(() => "---").join(" | ")} |`
  ];
  for (const q of r.queries)
    lines.push(
      `| \`${q.name}\` | \`${q.success.text}\` | ${Array.from({ length: rounds }, (_, i) => q.measurements[i] ? esc(cell(q.measurements[i])) : "\u2014").join(" | ")} |`
    );
  lines.push("", `${esc(r.verdict.reason)} (${r.durationSeconds}s)`);
  return lines.join("\n");
}

// src/report/summary.ts
var esc2 = (s) => s.replace(/\|/g, "\\|").replace(/\n/g, "<br>");
var code = (s) => s === void 0 || s === "" ? "\u2014" : `\`${String(s).replace(/`/g, "'")}\``;
function headline(r) {
  if (r.ok) return `\u2705 Deployed \`${r.release}\` revision ${r.revision} to \`${r.namespace}\``;
  if (r.rollback?.uninstalled)
    return `\u274C First install of \`${r.release}\` failed; the release was removed`;
  if (r.rollback?.healthy)
    return `\u23EA Deploy of \`${r.release}\` failed; rolled back to revision ${r.rollback.toRevision}`;
  return `\u274C Deploy of \`${r.release}\` failed`;
}
function renderDeploySummary(r) {
  const lines = [`### ${headline(r)}`, ""];
  lines.push("| | Before | After |", "| --- | --- | --- |");
  lines.push(`| Revision | ${code(r.previousRevision)} | ${code(r.revision)} |`);
  lines.push(`| Chart | ${code(r.chartBefore)} | ${code(r.chartAfter)} |`);
  lines.push(
    `| Images | ${r.imagesBefore.map(code).join("<br>") || "\u2014"} | ${r.imagesAfter.map(code).join("<br>") || "\u2014"} |`
  );
  lines.push("");
  lines.push(
    `Namespace ${code(r.namespace)} \xB7 duration ${r.durationSeconds}s${r.detectionSeconds !== void 0 ? ` \xB7 failure detected after ${r.detectionSeconds}s` : ""}${r.recovered ? ` \xB7 ${r.recovered}` : ""}`
  );
  if (r.progress.length > 0) {
    lines.push("", "#### Rollout", "", "| Workload | Ready | State |", "| --- | --- | --- |");
    for (const p of r.progress)
      lines.push(
        `| ${code(p.workload)} | ${p.ready}/${p.desired} | ${p.complete && !p.note ? `ready${p.readySeconds !== void 0 ? ` after ${p.readySeconds}s` : ""}` : esc2(p.note ?? "not ready")} |`
      );
  }
  if (r.warnings.length > 0) {
    lines.push("", "#### Warnings", "");
    for (const w of r.warnings) lines.push(`- \u26A0\uFE0F ${esc2(w)}`);
  }
  if (r.health.length > 0) {
    lines.push("", "#### Health checks", "", "| URL | Result |", "| --- | --- |");
    for (const h of r.health)
      lines.push(`| ${esc2(h.url)} | ${h.ok ? "\u2705" : "\u274C"} ${esc2(h.detail)} |`);
  }
  for (const g of r.gates ?? []) lines.push("", renderGate(g, "Metrics gate"));
  if (!r.ok) {
    lines.push("", "#### What failed", "");
    if (r.failures.length > 0)
      for (const f of r.failures) lines.push(`- ${esc2(describeFailure(f))}`);
    else lines.push("```text", (r.error ?? "unknown error").replace(/```/g, "'''"), "```");
  }
  if (r.rollback) {
    lines.push("", "#### Rollback", "");
    lines.push(
      r.rollback.uninstalled ? `The release never worked, so it was uninstalled (${r.rollback.durationSeconds}s).` : `${r.rollback.healthy ? "\u2705" : "\u274C"} ${esc2(r.rollback.detail)}${r.rollback.revision ? ` as revision ${r.rollback.revision}` : ""} (${r.rollback.durationSeconds}s).`
    );
  }
  return `${lines.join("\n")}
`;
}

export {
  renderGate,
  renderDeploySummary
};
//# sourceMappingURL=chunk-P3CUMN4I.js.map
