export const id = 588;
export const ids = [588];
export const modules = {

/***/ 3588:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  removeMode: () => (/* binding */ removeMode),
  rollbackMode: () => (/* binding */ rollbackMode)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 8 modules
var core = __webpack_require__(6058);
// EXTERNAL MODULE: ./src/kube/release-watch.ts + 5 modules
var release_watch = __webpack_require__(3721);
;// CONCATENATED MODULE: ./src/report/remove-summary.ts
const esc = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const code = (s) => s === undefined || s === '' ? '—' : `\`${String(s).replace(/`/g, "'")}\``;
/** One line for the log and the Deployment status. */
function removeHeadline(r) {
    if (!r.uninstalled && !r.namespaceDeleted)
        return `Nothing to remove: ${r.release} is not installed in ${r.namespace}`;
    return `Removed ${r.release}${r.uninstalled && r.lastRevision ? ` (revision ${r.lastRevision})` : ''}${r.namespaceDeleted ? ` and namespace ${r.namespace}` : ` from ${r.namespace}`}`;
}
/**
 * The job summary and pull request comment of `mode: remove`: says the preview is gone, so a
 * reviewer does not follow a dead link. Pure.
 */
function renderRemoveSummary(r) {
    const lines = [`### 🧹 Preview \`${r.release}\` is gone`, ''];
    lines.push(`${esc(removeHeadline(r))}. The environment's links no longer work.`, '');
    lines.push('| | |', '| --- | --- |');
    lines.push(`| Release | ${r.uninstalled ? `uninstalled (last revision ${code(r.lastRevision)}, chart ${code(r.lastChart)})` : 'was not installed'} |`);
    lines.push(`| Namespace | ${code(r.namespace)} ${r.namespaceDeleted ? 'deleted' : 'kept'} |`);
    if (r.imagesBefore.length > 0)
        lines.push(`| Images it ran | ${r.imagesBefore.map(code).join('<br>')} |`);
    lines.push('', `Duration ${r.durationSeconds}s`);
    if (r.notes.length > 0) {
        lines.push('', '#### Notes', '');
        for (const n of r.notes)
            lines.push(`- ${esc(n)}`);
    }
    return `${lines.join('\n')}\n`;
}

;// CONCATENATED MODULE: ./src/report/rollback-summary.ts
const rollback_summary_esc = (s) => s.replace(/\|/g, '\\|').replace(/\n/g, '<br>');
const rollback_summary_code = (s) => s === undefined || s === '' ? '—' : `\`${String(s).replace(/`/g, "'")}\``;
const list = (xs) => xs.map(rollback_summary_code).join('<br>') || '—';
/** The headline of a rollback, also the Deployment status and the step's error. */
function rollbackHeadline(r) {
    return r.ok
        ? `Rolled back ${r.release} from revision ${r.fromRevision} to ${r.toRevision}; verified healthy`
        : r.restore?.revision !== undefined
            ? `Rolled back ${r.release} to revision ${r.toRevision}, but it is not healthy`
            : `Rollback of ${r.release} to revision ${r.toRevision} failed`;
}
/** The job summary of `mode: rollback`: a pure function of its outcome. */
function renderRollbackSummary(r) {
    const icon = r.ok ? '⏪' : '❌';
    const lines = [`### ${icon} ${rollback_summary_esc(rollbackHeadline(r))}`, ''];
    lines.push(`**Why revision ${r.toRevision}:** ${rollback_summary_esc(r.why)}.`);
    if (r.forced)
        lines.push('', `⚠️ ${rollback_summary_esc(r.forced)}.`);
    lines.push('', '| | Before | After |', '| --- | --- | --- |');
    lines.push(`| Revision | ${rollback_summary_code(r.fromRevision)} | ${rollback_summary_code(r.revision)} (content of ${r.toRevision}) |`);
    lines.push(`| Chart | ${rollback_summary_code(r.chartBefore)} | ${rollback_summary_code(r.chartAfter)} |`);
    lines.push(`| Images | ${list(r.imagesBefore)} | ${list(r.imagesAfter)} |`);
    lines.push('', `Namespace ${rollback_summary_code(r.namespace)} · duration ${r.durationSeconds}s`);
    if (r.health.length > 0) {
        lines.push('', '#### Health checks', '', '| URL | Result |', '| --- | --- |');
        for (const h of r.health)
            lines.push(`| ${rollback_summary_esc(h.url)} | ${h.ok ? '✅' : '❌'} ${rollback_summary_esc(h.detail)} |`);
    }
    if (!r.ok) {
        lines.push('', '#### What is wrong', '');
        lines.push('```text', (r.error ?? 'unknown error').replace(/```/g, "'''"), '```');
        lines.push('', `Nothing else was changed: no further rollback, nothing uninstalled. Pick another revision (helm history ${r.release} --namespace ${r.namespace}) and run the rollback again.`);
    }
    return `${lines.join('\n')}\n`;
}

// EXTERNAL MODULE: ./src/state.ts
var src_state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/helm/args.ts
var args = __webpack_require__(5119);
// EXTERNAL MODULE: ./src/kube/lease.ts
var lease = __webpack_require__(6207);
// EXTERNAL MODULE: ./src/kube/retry.ts
var retry = __webpack_require__(4963);
// EXTERNAL MODULE: ./src/render/manifests.ts
var manifests = __webpack_require__(5246);
// EXTERNAL MODULE: ./src/result.ts
var result = __webpack_require__(1666);
// EXTERNAL MODULE: ./src/lifecycle/marks.ts
var marks = __webpack_require__(6318);
// EXTERNAL MODULE: ./src/lifecycle/namespace.ts
var lifecycle_namespace = __webpack_require__(4975);
;// CONCATENATED MODULE: ./src/lifecycle/remove.ts







const secondsBetween = (from, to) => Math.round((to - from) / 100) / 10;
/**
 * Removes a preview environment: uninstalls the release and, with delete-namespace, deletes its
 * namespace, each only when this action created it (or force). Everything is decided before the
 * first change, so a refusal leaves both as they are. Waits for a deploy of the release that holds
 * its lock, so a preview being deployed is not removed half-way.
 */
async function removeRelease(s, deps) {
    const { helm, target, config, log } = s;
    const namespace = target.namespace ?? 'default';
    const warn = deps.warn ?? ((l) => s.log(`Warning: ${l}`));
    const start = deps.clock.now().getTime();
    const policy = { ...(0,retry/* defaultRetryPolicy */.ur)(log), deadline: () => undefined };
    helm.retryReads(policy);
    deps.kube.configure({ retry: policy, warn });
    const nsState = await (0,lifecycle_namespace/* namespaceState */.bn)(deps.kube);
    let lock;
    // The lock's Lease lives in the namespace: without one there is no deploy to wait for.
    if (config.lock && nsState.kind !== 'absent') {
        lock = new lease/* DeployLock */.Fc(deps.kube, config.release, deps.holder ?? (0,lease/* holderFromEnv */._1)(process.env), {
            ...lease/* defaultLockTiming */.Zv,
            ...deps.lockTiming,
            clock: deps.clock,
            log,
            warn
        });
        await lock.acquire(config.lockTimeoutSeconds);
        deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } });
        lock.startRenewing();
    }
    try {
        const history = await helm.history(target);
        const marked = history.length > 0 &&
            (await deps.kube.listObjects('secrets', `owner=helm,name=${config.release},${marks/* RELEASE_INSTALLED_BY */.J4}=${marks/* RELEASE_INSTALLED_BY_VALUE */.NB}`)).length > 0;
        const plan = (0,marks/* decideRemove */.DX)({
            release: config.release,
            namespace,
            releaseExists: history.length > 0,
            releaseMarked: marked,
            deleteNamespace: config.deleteNamespace,
            namespaceState: nsState,
            force: config.force
        });
        if (plan.kind === 'refuse')
            throw new result/* UserError */.y(plan.reason);
        for (const n of plan.notes)
            log(n);
        const last = history.at(-1);
        const outcome = {
            release: config.release,
            namespace,
            lastRevision: last?.revision,
            lastChart: last?.chart,
            imagesBefore: last
                ? (0,manifests/* imagesOf */.IC)((0,manifests/* parseManifests */.Ye)(await helm.manifest(target, last.revision).catch(() => '')))
                : [],
            uninstalled: false,
            namespaceDeleted: false,
            notes: plan.notes,
            durationSeconds: 0
        };
        if (plan.uninstall) {
            log(`Uninstalling ${config.release} from ${namespace}`);
            await helm.run(args/* uninstallArgs */.qu(target, { timeoutSeconds: config.timeoutSeconds }));
            outcome.uninstalled = true;
        }
        if (plan.deleteNamespace) {
            // The lock goes with the namespace: free it first so no one waits on a Lease being deleted.
            await lock?.release().catch(() => undefined);
            lock = undefined;
            log(`Deleting namespace ${namespace} (created by this action for ${config.release})`);
            outcome.namespaceDeleted = await deps.kube.deleteObject('namespace', namespace);
        }
        outcome.durationSeconds = secondsBetween(start, deps.clock.now().getTime());
        return outcome;
    }
    finally {
        await lock?.releaseOrWarn(warn);
    }
}

// EXTERNAL MODULE: ./src/helm/helm.ts + 1 modules
var helm_helm = __webpack_require__(4582);
// EXTERNAL MODULE: ./src/deploy/deploy.ts + 2 modules
var deploy = __webpack_require__(9947);
// EXTERNAL MODULE: ./src/helm/release.ts
var release = __webpack_require__(9777);
;// CONCATENATED MODULE: ./src/lifecycle/rollback-target.ts

/** A revision worked when it was deployed and was not rolled back from. */
function workedOrWhyNot(h, abandoned) {
    if (abandoned.has(h.revision))
        return 'it was rolled back from (its rollout failed)';
    if (h.status === 'deployed' || h.status === 'superseded')
        return undefined;
    return `its status is ${h.status}${h.description ? ` (${h.description})` : ''}`;
}
const row = (h) => `${h.revision} (${h.status}${h.chart ? `, ${h.chart}` : ''}${h.appVersion ? `, app ${h.appVersion}` : ''})`;
/** The revision a "Rollback to N" record restored: its content is N's. */
const restoredFrom = (h) => {
    const m = /^Rollback to (\d+)/.exec(h.description);
    return m ? Number(m[1]) : undefined;
};
function chooseRollbackTarget(r) {
    const where = `release "${r.release}" in namespace "${r.namespace}"`;
    const current = r.history.at(-1);
    if (!current)
        return {
            kind: 'refuse',
            reason: `Input "release" "${r.release}": there is no ${where} (helm history is empty). Check the release and namespace inputs (and kube-context) against helm list --all-namespaces.`
        };
    if ((0,release/* isPending */.mm)(current.status) && !r.force)
        return {
            kind: 'refuse',
            reason: `Revision ${current.revision} of ${where} is ${current.status}: a helm operation may still be running on it outside this action. Wait for it to finish and run the rollback again; if nothing is running any more, set force: true to roll back anyway.`
        };
    const abandoned = (0,release/* rolledBackFrom */.qe)(r.history);
    const available = r.history
        .filter((h) => h.revision !== current.revision)
        .slice(-10)
        .map(row)
        .join(', ');
    if (r.requested !== undefined) {
        const to = r.history.find((h) => h.revision === r.requested);
        if (!to)
            return {
                kind: 'refuse',
                reason: `Input "revision" "${r.requested}": ${where} has no revision ${r.requested} (helm keeps revisions ${r.history[0].revision} to ${current.revision}; older ones were pruned by history-max). Pick one of: ${available || '(none)'}; or leave revision empty for the newest good revision before the current one.`
            };
        if (to.revision === current.revision)
            return {
                kind: 'refuse',
                reason: `Input "revision" "${r.requested}": revision ${r.requested} is the current revision of ${where} (${current.status}); rolling back to it changes nothing. Pick an earlier one: ${available || '(none)'}; or leave revision empty for the newest good revision before it.`
            };
        const broken = workedOrWhyNot(to, abandoned);
        if (broken && !r.force)
            return {
                kind: 'refuse',
                reason: `Input "revision" "${r.requested}": revision ${r.requested} of ${where} never worked: ${broken}. Pick a revision that ran (deployed or superseded), or set force: true to restore it anyway.`
            };
        return {
            kind: 'restore',
            from: current,
            to,
            why: `revision ${to.revision} was asked for (input revision)`,
            forced: broken ? `force: true restores revision ${to.revision} although ${broken}` : undefined
        };
    }
    // The current revision's content when it is itself a rollback: restoring that again is a no-op.
    const live = restoredFrom(current);
    const to = [...r.history]
        .reverse()
        .find((h) => h.revision < current.revision &&
        h.revision !== live &&
        workedOrWhyNot(h, abandoned) === undefined);
    if (!to)
        return {
            kind: 'refuse',
            reason: `Input "revision" (empty): ${where} has no good revision before the current revision ${current.revision}${live ? ` other than revision ${live}, which it already restored` : ''}. Its history: ${available || '(nothing else)'}. Name one with revision (and force: true for one that never worked).`
        };
    return {
        kind: 'restore',
        from: current,
        to,
        why: `revision ${to.revision} is the newest good revision before the current revision ${current.revision}${skippedNote(r.history, to, current, abandoned, live)}`
    };
}
/** Says which newer revisions were passed over and why, so the choice can be checked. */
function skippedNote(history, to, current, abandoned, live) {
    const skipped = history
        .filter((h) => h.revision > to.revision && h.revision < current.revision)
        .map((h) => `${h.revision}: ${h.revision === live ? 'already live (the current revision restored it)' : (workedOrWhyNot(h, abandoned) ?? 'skipped')}`);
    return skipped.length ? ` (skipped ${skipped.join('; ')})` : '';
}

;// CONCATENATED MODULE: ./src/lifecycle/rollback.ts








const rollback_secondsBetween = (from, to) => Math.round((to - from) / 100) / 10;
/**
 * Rolls the release back to a chosen revision under its deploy lock, and verifies the restored
 * revision as a deploy verifies its own: rollout watch, health checks, helm test. A restored
 * revision that is not healthy is reported and left alone: nothing else is rolled back or
 * uninstalled, so a second bad decision cannot follow the first.
 */
async function rollbackRelease(s, deps) {
    const { config } = s;
    const warn = deps.warn ?? ((l) => s.log(`Warning: ${l}`));
    const start = deps.clock.now().getTime();
    const policy = { ...(0,retry/* defaultRetryPolicy */.ur)(s.log), deadline: () => undefined };
    s.helm.retryReads(policy);
    deps.kube.configure({ retry: policy, warn });
    let lock;
    if (config.lock) {
        lock = new lease/* DeployLock */.Fc(deps.kube, config.release, deps.holder ?? (0,lease/* holderFromEnv */._1)(process.env), {
            ...lease/* defaultLockTiming */.Zv,
            ...deps.lockTiming,
            clock: deps.clock,
            log: s.log,
            warn
        });
        try {
            // No queueing: once the running deploy ends, "the current revision" is another one.
            await lock.acquire(0);
        }
        catch (e) {
            if (!(e instanceof result/* UserError */.y) || !/ is being deployed by /.test(e.message))
                throw e;
            throw new result/* UserError */.y(`Not rolling back: ${e.message.replace(/; waited .*$/s, '')}. Nothing was changed. Wait for that run to finish (or cancel it), then run the rollback again: it then starts from the revision that run left.`);
        }
        deps.remember?.({ lock: { name: lock.name, holder: lock.me.identity } });
        lock.startRenewing();
    }
    try {
        return await rollbackLocked(s, deps, start);
    }
    finally {
        await lock?.releaseOrWarn(warn);
    }
}
async function rollbackLocked(s, deps, start) {
    const { helm, target, config, log } = s;
    const namespace = target.namespace ?? 'default';
    const history = await helm.history(target);
    const choice = chooseRollbackTarget({
        release: config.release,
        namespace,
        history,
        requested: config.revision,
        force: config.force
    });
    if (choice.kind === 'refuse')
        throw new result/* UserError */.y(`Nothing was rolled back. ${choice.reason}`);
    const { from, to } = choice;
    log(`Rolling back ${config.release} from revision ${from.revision} to ${to.revision}: ${choice.why}`);
    if (choice.forced)
        log(`Warning: ${choice.forced}`);
    const outcome = {
        ok: false,
        release: config.release,
        namespace,
        fromRevision: from.revision,
        toRevision: to.revision,
        why: choice.why,
        forced: choice.forced,
        chartBefore: from.chart,
        imagesBefore: (0,manifests/* imagesOf */.IC)((0,manifests/* parseManifests */.Ye)(await helm.manifest(target, from.revision))),
        imagesAfter: [],
        health: [],
        durationSeconds: 0
    };
    const restore = await (0,deploy/* rollback */.dU)(s, deps, to, namespace);
    outcome.restore = restore;
    outcome.revision = restore.revision;
    let error = restore.healthy ? undefined : restore.detail;
    if (!error) {
        outcome.health = await (0,deploy/* runHealthChecks */.b7)(s, deps);
        const bad = outcome.health.filter((h) => !h.ok);
        if (bad.length > 0)
            error = `health check failed: ${bad.map((h) => `${h.url} ${h.detail}`).join('; ')}`;
    }
    if (!error && config.runTests) {
        const r = await helm.try(args/* testArgs */.qE(target, { timeoutSeconds: config.timeoutSeconds }));
        if (r.exitCode !== 0)
            error = `helm test failed: ${new helm_helm/* HelmError */.t('test', r).message}`;
    }
    const now = await helm.status(target);
    outcome.revision ??= now?.revision;
    outcome.chartAfter = now?.chart ?? (await helm.history(target)).at(-1)?.chart;
    outcome.imagesAfter = now ? (0,manifests/* imagesOf */.IC)((0,manifests/* parseManifests */.Ye)(now.manifest)) : [];
    outcome.ok = error === undefined;
    outcome.error = error;
    outcome.durationSeconds = rollback_secondsBetween(start, deps.clock.now().getTime());
    return outcome;
}

;// CONCATENATED MODULE: ./src/lifecycle/modes.ts







/** `mode: rollback`: restore a revision, verify it, report it. */
async function rollbackMode(s, deps, reporter) {
    const { config } = s;
    await reporter.deploymentStarted(`helm rollback ${config.release}${config.revision ? ` to revision ${config.revision}` : ''}`);
    const state = stepState(s);
    // The restored revision is followed as a deploy follows its own: watch streams through one
    // kubectl proxy.
    const watch = release_watch/* ReleaseWatch */.L.throughKubectl((socket) => deps.kube.proxyCommand(socket), {
        warn: (line) => core/* warning */.$e(line),
        debug: (line) => core/* debug */.Yz(line)
    });
    let r;
    try {
        r = await core/* group */.Os(`Roll back ${config.release} in ${s.target.namespace}`, () => rollbackRelease(s, {
            kube: deps.kube,
            reader: watch,
            clock: deps.clock,
            cancel: deps.cancel,
            // Only the lock is left for the post step: a rollback is never undone by the action.
            remember: (patch) => (0,src_state/* rememberDeploy */.l8)(Object.assign(state, patch)),
            warn: (line) => core/* warning */.$e(line)
        }).finally(() => watch.close()));
    }
    catch (e) {
        await reporter.deploymentFinished(false, e.message.split('\n')[0]);
        throw e;
    }
    finally {
        (0,src_state/* rememberDeploy */.l8)({ ...state, finished: true });
    }
    const headline = rollbackHeadline(r);
    const markdown = renderRollbackSummary(r);
    core/* info */.pq(headline);
    await reporter.summary(markdown);
    await reporter.deploymentFinished(r.ok, headline);
    await reporter.comment(markdown, []);
    return {
        outputs: {
            status: r.ok ? 'rolled-back' : 'failed',
            revision: r.revision,
            previousRevision: r.fromRevision,
            rolledBack: r.revision !== undefined,
            changed: r.revision !== undefined,
            images: r.imagesAfter
        },
        error: r.ok ? undefined : `${headline}:\n${r.error ?? ''}\nNothing else was changed.`
    };
}
/** `mode: remove`: take a preview environment down and say so where reviewers look. */
async function removeMode(s, deps, reporter) {
    const { config } = s;
    const state = stepState(s);
    let r;
    try {
        r = await core/* group */.Os(`Remove ${config.release} from ${s.target.namespace}`, () => removeRelease(s, {
            kube: deps.kube,
            clock: deps.clock,
            cancel: deps.cancel,
            remember: (patch) => (0,src_state/* rememberDeploy */.l8)(Object.assign(state, patch)),
            warn: (line) => core/* warning */.$e(line)
        }));
    }
    finally {
        (0,src_state/* rememberDeploy */.l8)({ ...state, finished: true });
    }
    const headline = removeHeadline(r);
    const markdown = renderRemoveSummary(r);
    core/* info */.pq(headline);
    await reporter.summary(markdown);
    await reporter.environmentRemoved(headline);
    await reporter.comment(markdown, []);
    return {
        outputs: {
            status: 'removed',
            previousRevision: r.lastRevision,
            changed: r.uninstalled || r.namespaceDeleted,
            images: []
        }
    };
}
/** What the post step needs to free this run's lock after a cancellation. */
function stepState(s) {
    return {
        helm: s.helm.binary,
        release: s.config.release,
        namespace: s.target.namespace,
        kubeContext: s.target.kubeContext,
        kubeconfig: s.target.kubeconfig,
        finished: false
    };
}


/***/ })

};

//# sourceMappingURL=588.index.js.map