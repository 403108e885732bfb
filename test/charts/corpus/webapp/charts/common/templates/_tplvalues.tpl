{{/*
Renders a value that may itself hold template expressions: strings go through tpl, anything else
is serialised first. {{ include "common.tplvalues.render" (dict "value" .Values.x "context" $) }}
*/}}
{{- define "common.tplvalues.render" -}}
{{- $value := typeIs "string" .value | ternary .value (.value | toYaml) -}}
{{- if contains "{{" $value -}}
{{- tpl $value .context -}}
{{- else -}}
{{- $value -}}
{{- end -}}
{{- end -}}
