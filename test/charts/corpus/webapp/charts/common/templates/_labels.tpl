{{/*
Kubernetes standard labels. Usage:
{{ include "common.labels.standard" (dict "customLabels" .Values.commonLabels "context" $) }}
*/}}
{{- define "common.labels.standard" -}}
{{- $default := dict "app.kubernetes.io/name" (include "common.names.name" .context) "helm.sh/chart" (include "common.names.chart" .context) "app.kubernetes.io/instance" .context.Release.Name "app.kubernetes.io/managed-by" .context.Release.Service -}}
{{- with .context.Chart.AppVersion -}}
{{- $_ := set $default "app.kubernetes.io/version" . -}}
{{- end -}}
{{- $custom := include "common.tplvalues.render" (dict "value" (.customLabels | default dict) "context" .context) | fromYaml -}}
{{- toYaml (merge $custom $default) -}}
{{- end -}}

{{/* Labels used in selectors: immutable once a workload exists, so never the version. */}}
{{- define "common.labels.matchLabels" -}}
app.kubernetes.io/name: {{ include "common.names.name" .context }}
app.kubernetes.io/instance: {{ .context.Release.Name }}
{{- end -}}
