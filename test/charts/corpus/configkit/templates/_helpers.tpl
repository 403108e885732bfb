{{- define "configkit.fullname" -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "configkit.labels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- range $k, $v := .Values.extraLabels }}
{{ $k }}: {{ tpl $v $ | quote }}
{{- end }}
{{- end -}}

{{/* The only two modes the server knows; anything else stops the render with the reason. */}}
{{- define "configkit.validate" -}}
{{- if not (has .Values.mode (list "standalone" "replicated")) -}}
{{- fail (printf "mode %q is not supported: use standalone or replicated" .Values.mode) -}}
{{- end -}}
{{- if and (eq .Values.mode "replicated") (lt (int .Values.replicaCount) 3) -}}
{{- fail (printf "mode replicated needs replicaCount of 3 or more, got %v" .Values.replicaCount) -}}
{{- end -}}
{{- if and (eq .Values.mode "standalone") (gt (int .Values.replicaCount) 1) -}}
{{- fail "mode standalone runs one replica: set mode to replicated to run more" -}}
{{- end -}}
{{- end -}}
