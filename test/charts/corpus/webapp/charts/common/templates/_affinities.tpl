{{/* soft or hard pod anti-affinity across nodes, as the community presets spell it. */}}
{{- define "common.affinities.pods" -}}
{{- if eq .type "hard" -}}
requiredDuringSchedulingIgnoredDuringExecution:
  - labelSelector:
      matchLabels: {{- include "common.labels.matchLabels" (dict "context" .context) | nindent 8 }}
    topologyKey: kubernetes.io/hostname
{{- else if eq .type "soft" -}}
preferredDuringSchedulingIgnoredDuringExecution:
  - weight: 1
    podAffinityTerm:
      labelSelector:
        matchLabels: {{- include "common.labels.matchLabels" (dict "context" .context) | nindent 10 }}
      topologyKey: kubernetes.io/hostname
{{- end -}}
{{- end -}}
