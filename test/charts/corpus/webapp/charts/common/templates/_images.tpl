{{/*
registry/repository:tag, or @digest when one is given. A global registry wins over the image's own.
{{ include "common.images.image" (dict "imageRoot" .Values.image "global" .Values.global "chart" .Chart) }}
*/}}
{{- define "common.images.image" -}}
{{- $registry := .imageRoot.registry -}}
{{- if and .global .global.imageRegistry -}}
{{- $registry = .global.imageRegistry -}}
{{- end -}}
{{- $sep := ":" -}}
{{- $term := .imageRoot.tag | default .chart.AppVersion | toString -}}
{{- if .imageRoot.digest -}}
{{- $sep = "@" -}}
{{- $term = .imageRoot.digest | toString -}}
{{- end -}}
{{- if $registry -}}
{{- printf "%s/%s%s%s" $registry .imageRoot.repository $sep $term -}}
{{- else -}}
{{- printf "%s%s%s" .imageRoot.repository $sep $term -}}
{{- end -}}
{{- end -}}

{{/* imagePullSecrets from the image and from globals, deduplicated. */}}
{{- define "common.images.pullSecrets" -}}
{{- $secrets := list -}}
{{- range ((.global).imagePullSecrets | default list) -}}
{{- $secrets = append $secrets (. | toString) -}}
{{- end -}}
{{- range .images -}}
{{- range (.pullSecrets | default list) -}}
{{- $secrets = append $secrets (. | toString) -}}
{{- end -}}
{{- end -}}
{{- if $secrets }}
imagePullSecrets:
{{- range ($secrets | uniq) }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}
