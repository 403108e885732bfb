{{/*
Names and labels. Every service chart calls these with a dict:
  root: the chart's context, name: the component name.
*/}}
{{- define "platform-lib.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "platform-lib.componentName" -}}
{{- printf "%s-%s" (include "platform-lib.fullname" .root) .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "platform-lib.selectorLabels" -}}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end -}}

{{- define "platform-lib.labels" -}}
{{ include "platform-lib.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: platform
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" }}
{{- with .root.Values.global.labels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "platform-lib.image" -}}
{{- $registry := .root.Values.global.imageRegistry -}}
{{- $tag := .component.image.tag | default .root.Chart.AppVersion -}}
{{- printf "%s/%s:%s" $registry .component.image.repository $tag -}}
{{- end -}}
