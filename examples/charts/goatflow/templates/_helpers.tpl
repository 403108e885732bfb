{{- define "goatflow.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "goatflow.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "goatflow.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ include "goatflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{- define "goatflow.selectorLabels" -}}
app.kubernetes.io/name: {{ include "goatflow.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- /* Blue-green: the deploy action sets slot=blue|green; the stable Service selects by it. */}}
{{- with .Values.slot }}
slot: {{ . }}
{{- end }}
{{- end -}}

{{- define "goatflow.databasePort" -}}
{{- if and .Values.database.external.enabled .Values.database.external.port -}}
{{- .Values.database.external.port -}}
{{- else if eq .Values.database.type "postgresql" -}}
5432
{{- else -}}
3306
{{- end -}}
{{- end -}}

{{- define "goatflow.databaseHost" -}}
{{- if .Values.database.external.enabled -}}
{{- .Values.database.external.host -}}
{{- else -}}
{{- printf "%s-db" (include "goatflow.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "goatflow.databaseSecret" -}}
{{- if .Values.database.external.enabled -}}
{{- .Values.database.external.existingSecret -}}
{{- else -}}
{{- printf "%s-db" (include "goatflow.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "goatflow.valkeyHost" -}}
{{- if .Values.externalValkey.enabled -}}
{{- .Values.externalValkey.host -}}
{{- else if .Values.valkey.enabled -}}
{{- printf "%s-valkey" (include "goatflow.fullname" .) -}}
{{- end -}}
{{- end -}}
