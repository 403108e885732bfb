export const id = 591;
export const ids = [591];
export const modules = {

/***/ 3591:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   renderValidateSummary: () => (/* binding */ renderValidateSummary)
/* harmony export */ });
/* unused harmony export FINDINGS_SHOWN */
// The job summary of `mode: validate`: what was checked, on which chart and values, what was
// found (errors first), and what the chart renders. A pure function of the report.
const esc = (s) => s.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
const code = (s) => `\`${s.replace(/`/g, "'")}\``;
const ICON = { error: '❌', warning: '⚠️', info: 'ℹ️' };
const OUTCOME = { passed: '✅', failed: '❌', 'not run': '⏭️' };
/** At most this many findings of one severity are listed; the rest are counted. */
const FINDINGS_SHOWN = 50;
function renderValidateSummary(r) {
    const count = (s) => r.findings.filter((f) => f.severity === s).length;
    const errors = count('error');
    const warnings = count('warning');
    const total = r.objects.reduce((n, o) => n + o.names.length, 0);
    const where = `${code(r.release)}${r.namespace ? ` in ${code(r.namespace)}` : ''}`;
    const lines = [
        errors > 0
            ? `### ❌ Validation of ${where} failed: ${errors} error(s), ${warnings} warning(s)`
            : `### ✅ Validated ${where}: ${total} object(s), ${warnings} warning(s)`,
        ''
    ];
    lines.push(`Chart ${code(r.chart)}${r.chartVersion ? ` (${code(r.chartVersion)})` : ''} · Helm ${code(r.helmVersion)} · ${r.durationSeconds}s`, '', `Values: ${r.valuesFiles.length > 0 ? r.valuesFiles.map(code).join(' → ') : 'the chart defaults only'}${r.setKeys.length > 0 ? `, then ${r.setKeys.map(code).join(', ')} (values not shown)` : ''}`);
    lines.push('', '| Check | Result |', '| --- | --- |');
    for (const c of r.checks)
        lines.push(`| ${esc(c.name)} | ${OUTCOME[c.outcome]} ${esc(c.detail)} |`);
    if (r.findings.length > 0) {
        lines.push('', '#### Findings', '', '| | Check | Where | Finding |', '| --- | --- | --- | --- |');
        for (const severity of ['error', 'warning', 'info']) {
            const of = r.findings.filter((f) => f.severity === severity);
            for (const f of of.slice(0, FINDINGS_SHOWN))
                lines.push(`| ${ICON[severity]} | ${esc(f.check)} | ${f.where ? code(f.where) : ''} | ${esc(f.message)} |`);
            if (of.length > FINDINGS_SHOWN)
                lines.push(`| ${ICON[severity]} | | | …and ${of.length - FINDINGS_SHOWN} more (see the log) |`);
        }
    }
    if (total > 0) {
        lines.push('', `<details><summary>${total} rendered object(s)${r.hooks > 0 ? `, ${r.hooks} of them hooks` : ''}</summary>`, '', '| Kind | Count | Names |', '| --- | --- | --- |');
        for (const o of r.objects)
            lines.push(`| ${o.kind} | ${o.names.length} | ${o.names.map(code).join(', ')} |`);
        lines.push('', '</details>');
    }
    return `${lines.join('\n')}\n`;
}


/***/ })

};

//# sourceMappingURL=591.index.js.map