{{/*
Requests and limits for a named size, the way community charts offer "resourcesPreset".
{{ include "common.resources.preset" (dict "type" "small") }}
*/}}
{{- define "common.resources.preset" -}}
{{- $presets := dict
  "nano" (dict "requests" (dict "cpu" "100m" "memory" "128Mi") "limits" (dict "cpu" "150m" "memory" "192Mi"))
  "micro" (dict "requests" (dict "cpu" "250m" "memory" "256Mi") "limits" (dict "cpu" "375m" "memory" "384Mi"))
  "small" (dict "requests" (dict "cpu" "500m" "memory" "512Mi") "limits" (dict "cpu" "750m" "memory" "768Mi"))
-}}
{{- if hasKey $presets .type -}}
{{- index $presets .type | toYaml -}}
{{- else -}}
{{- printf "resourcesPreset %q is not one of: %s" .type (join ", " (keys $presets | sortAlpha)) | fail -}}
{{- end -}}
{{- end -}}
