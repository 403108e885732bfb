#!/usr/bin/env bash
# Manual smoke check of the e2e cluster (not used by the test suite).
# Needs a running cluster (test/cluster/up.sh) and .tools/bin/{helm3,helm4}.
# Everything is created in namespace e2e-smoke, which is deleted at the end.
set -euo pipefail
# shellcheck source=SCRIPTDIR/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

NS=e2e-smoke
T0=$SECONDS
FAILED=()
log()  { printf '[smoke %3ds] %s\n' "$((SECONDS - T0))" "$*"; }
pass() { printf '[smoke %3ds] PASS %s\n' "$((SECONDS - T0))" "$*"; }
bad()  { printf '[smoke %3ds] FAIL %s\n' "$((SECONDS - T0))" "$*"; FAILED+=("$*"); }

# poll <timeout> <command...>: until the command succeeds
poll() {
  local deadline=$((SECONDS + $1)); shift
  until "$@" >/dev/null 2>&1; do [ $SECONDS -lt $deadline ] || return 1; sleep 1; done
}
jp() { kc -n "$NS" get "$1" -o jsonpath="$2" 2>/dev/null; }   # object jsonpath

TMP="$(mktemp -d)"
export KUBECONFIG="$KUBECONFIG_FILE"
# isolate helm's config/cache/data from the user's
export HELM_CONFIG_HOME="$TMP/helm/config" HELM_CACHE_HOME="$TMP/helm/cache" HELM_DATA_HOME="$TMP/helm/data"

cleanup() {
  log "cleanup: deleting namespace $NS"
  "$BIN/helm3" uninstall smoke-helm3 -n "$NS" >/dev/null 2>&1 || true
  "$BIN/helm4" uninstall smoke-helm4 -n "$NS" >/dev/null 2>&1 || true
  kc delete namespace "$NS" --ignore-not-found --wait=true --timeout=90s >/dev/null || log "namespace deletion did not finish"
  rm -rf "$TMP"
}

kc get --raw /readyz >/dev/null 2>&1 || { echo "cluster not running; start it with test/cluster/up.sh" >&2; exit 1; }
log "server version: $(kc version -o json | sed -n 's/.*"gitVersion": "\([^"]*\)".*/\1/p' | tail -1)"
kc delete namespace "$NS" --ignore-not-found --wait=true --timeout=60s >/dev/null
kc create namespace "$NS" >/dev/null
poll 30 kc -n "$NS" get serviceaccount default || bad "serviceaccount default in $NS"
trap cleanup EXIT

# ------------------------------------------------------------ 1. Deployment
kc -n "$NS" create deployment web --image=nginx:1 --replicas=2 >/dev/null
if kc -n "$NS" rollout status deployment/web --timeout=60s >/dev/null &&
   [ "$(jp deployment/web '{.status.availableReplicas}')" = 2 ]; then
  pass "deployment web: availableReplicas=2"
else
  bad "deployment web: availableReplicas=$(jp deployment/web '{.status.availableReplicas}')"
fi

# --------------------------------------------------------- 2. failure pods
mkpod() { # name image [behavior-annotation]
  local ann=""
  [ -n "${3:-}" ] && ann="  annotations: {e2e.goatflow.dev/behavior: $3}"
  kc -n "$NS" apply -f - >/dev/null <<EOF
apiVersion: v1
kind: Pod
metadata:
  name: $1
$ann
spec:
  containers:
  - name: app
    image: $2
EOF
}
mkpod crash nginx:1 crashloop                        # by annotation
mkpod pullbackoff nginx:e2e-imagepullbackoff         # by image tag
mkpod errpull nginx:1 errimagepull
mkpod configerr nginx:1 createcontainerconfigerror
mkpod unready nginx:e2e-unready

waiting_reason() { jp "pod/$1" '{.status.containerStatuses[0].state.waiting.reason}'; }
is_waiting() { [ "$(waiting_reason "$1")" = "$2" ]; }

if poll 30 is_waiting crash CrashLoopBackOff; then
  r0="$(jp pod/crash '{.status.containerStatuses[0].restartCount}')"
  log "crash: phase=$(jp pod/crash '{.status.phase}') ready=$(jp pod/crash '{.status.containerStatuses[0].ready}') restartCount=$r0; waiting 25s"
  log "crash: $(jp pod/crash '{.status.containerStatuses[0]}')"
  sleep 25
  r1="$(jp pod/crash '{.status.containerStatuses[0].restartCount}')"
  ec="$(jp pod/crash '{.status.containerStatuses[0].lastState.terminated.exitCode}')"
  if [ "$r1" -gt "$r0" ] && [ "$ec" = 1 ] && [ "$(jp pod/crash '{.status.phase}')" = Running ] &&
     [ "$(jp pod/crash '{.status.conditions[?(@.type=="Ready")].status}')" = False ]; then
    pass "crashloop: waiting=CrashLoopBackOff, lastState exitCode=1, restartCount $r0 -> $r1 in 25s, Ready=False"
  else
    bad "crashloop: restartCount $r0 -> $r1, exitCode=$ec"
  fi
  if prev="$(kc -n "$NS" logs crash --previous 2>&1)" && [ -n "$prev" ]; then
    pass "kubectl logs --previous (served by kwok): $prev"
  else
    bad "kubectl logs --previous: $prev"
  fi
else
  bad "crashloop: waiting.reason=$(waiting_reason crash)"
fi

check_waiting() { # pod reason phase
  if poll 20 is_waiting "$1" "$2" && [ "$(jp "pod/$1" '{.status.phase}')" = "$3" ]; then
    pass "$1: phase=$3 waiting=$2: $(jp "pod/$1" '{.status.containerStatuses[0].state.waiting.message}')"
  else
    bad "$1: expected $3/$2, got $(jp "pod/$1" '{.status.phase}')/$(waiting_reason "$1")"
  fi
  log "$1 state (kubectl get pod -o json): $(kc -n "$NS" get pod "$1" -o json | tr -d '\n' | sed 's/ \{2,\}/ /g' | grep -o '"state": {[^}]*}[^}]*}' | head -1)"
}
check_waiting pullbackoff ImagePullBackOff Pending
check_waiting errpull ErrImagePull Pending
check_waiting configerr CreateContainerConfigError Pending

unready_ok() {
  [ "$(jp pod/unready '{.status.phase}')" = Running ] &&
  [ "$(jp pod/unready '{.status.containerStatuses[0].started}')" = true ] &&
  [ "$(jp pod/unready '{.status.containerStatuses[0].ready}')" = false ]
}
if poll 20 unready_ok; then
  pass "unready: phase=Running started=true ready=false Ready=$(jp pod/unready '{.status.conditions[?(@.type=="Ready")].status}')"
else
  bad "unready: $(jp pod/unready '{.status.phase}') $(jp pod/unready '{.status.containerStatuses[0]}')"
fi

# ------------------------------------------------------------------ 3. Jobs
mkjob() { # name backoffLimit [behavior]
  local ann="{}"
  [ -n "${3:-}" ] && ann="{e2e.goatflow.dev/behavior: $3}"
  kc -n "$NS" apply -f - >/dev/null <<EOF
apiVersion: batch/v1
kind: Job
metadata:
  name: $1
spec:
  backoffLimit: $2
  template:
    metadata:
      annotations: $ann
    spec:
      restartPolicy: Never
      containers:
      - name: main
        image: busybox:1
        command: ["true"]
EOF
}
mkjob job-ok 0
mkjob job-fail 1 jobfail
if kc -n "$NS" wait --for=condition=Complete job/job-ok --timeout=30s >/dev/null; then
  pass "job-ok: Complete, succeeded=$(jp job/job-ok '{.status.succeeded}')"
else
  bad "job-ok: $(jp job/job-ok '{.status}')"
fi
if kc -n "$NS" wait --for=condition=Failed job/job-fail --timeout=60s >/dev/null; then
  pass "job-fail: Failed ($(jp job/job-fail '{.status.conditions[?(@.type=="Failed")].reason}')), failed pods=$(jp job/job-fail '{.status.failed}')"
  log "job-fail pod: $(kc -n "$NS" get pods -l job-name=job-fail -o jsonpath='{.items[0].status.phase} {.items[0].status.containerStatuses[0].state.terminated}')"
else
  bad "job-fail: $(jp job/job-fail '{.status}')"
fi

# --------------------------------------------------------------- 4. delete
if kc -n "$NS" delete pod crash pullbackoff errpull configerr unready --wait=true --timeout=30s >/dev/null; then
  pass "pods deleted (pod-delete stage)"
else
  bad "pods stuck in deletion"
fi
kc -n "$NS" delete deployment web --wait=true --timeout=30s >/dev/null
if kc -n "$NS" delete job job-ok job-fail --cascade=foreground --wait=true --timeout=30s >/dev/null; then
  pass "jobs deleted"
else
  bad "jobs stuck in deletion"
fi
if poll 30 test -z "$(kc -n "$NS" get pods -o name 2>/dev/null)"; then
  pass "no pods left in $NS"
else
  bad "pods left in $NS: $(kc -n "$NS" get pods -o name | tr '\n' ' ')"
fi

# ------------------------------------------------------------------ 5. helm
for h in helm3 helm4; do
  rel="smoke-$h"
  v="$("$BIN/$h" version --template '{{.Version}}')"
  "$BIN/$h" create "$TMP/chart-$h" >/dev/null
  if "$BIN/$h" install "$rel" "$TMP/chart-$h" -n "$NS" --wait --timeout 60s >"$TMP/$h.out" 2>&1; then
    st="$("$BIN/$h" status "$rel" -n "$NS" 2>&1 | sed -n 's/^STATUS: //p')"
    if [ "$st" = deployed ]; then pass "$h ($v): install --wait ok, status=$st"; else bad "$h ($v): status=$st"; fi
  else
    bad "$h ($v): install failed: $(tail -5 "$TMP/$h.out")"
  fi
  if "$BIN/$h" uninstall "$rel" -n "$NS" --wait --timeout 60s >"$TMP/$h.out" 2>&1; then
    pass "$h: uninstall ok"
  else
    bad "$h: uninstall failed: $(tail -5 "$TMP/$h.out")"
  fi
done

echo
if [ ${#FAILED[@]} -eq 0 ]; then
  log "ALL PASSED"
else
  log "${#FAILED[@]} FAILED:"; printf '  - %s\n' "${FAILED[@]}"
  exit 1
fi
