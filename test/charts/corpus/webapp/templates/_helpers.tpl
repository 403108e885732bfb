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
