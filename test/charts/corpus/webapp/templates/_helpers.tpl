{{- define "webapp.image" -}}
{{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global "chart" .Chart) }}
{{- end -}}

{{- define "webapp.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "common.names.fullname" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}

{{/* Drops the "enabled" switch community charts put inside securityContext maps. */}}
{{- define "webapp.securityContext" -}}
{{- omit . "enabled" | toYaml -}}
{{- end -}}

{{/* The settings the pods read; their checksum in the pod template rolls the pods on change. */}}
{{- define "webapp.configData" -}}
LOG_LEVEL: {{ .Values.config.logLevel | quote }}
GREETING: {{ include "common.tplvalues.render" (dict "value" .Values.config.greeting "context" $) | quote }}
{{- end -}}
