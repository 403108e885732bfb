{{/*
The schema migration a service runs before its new version starts (pre-install and
pre-upgrade hook), and one `helm test` Pod per listening component.
*/}}
{{- define "platform-lib.migration" -}}
{{- with .Values.migration }}
{{- if .enabled }}
apiVersion: batch/v1
kind: Job
metadata:
  name: {{ include "platform-lib.fullname" $ }}-migrate
  labels:
    {{- include "platform-lib.labels" (dict "root" $ "name" "migrate") | nindent 4 }}
  annotations:
    helm.sh/hook: pre-install,pre-upgrade
    helm.sh/hook-weight: "-5"
    helm.sh/hook-delete-policy: before-hook-creation,hook-succeeded
spec:
  backoffLimit: 1
  activeDeadlineSeconds: {{ .deadlineSeconds | default 300 }}
  template:
    metadata:
      labels:
        {{- include "platform-lib.selectorLabels" (dict "root" $ "name" "migrate") | nindent 8 }}
    spec:
      restartPolicy: Never
      containers:
        - name: migrate
          image: {{ include "platform-lib.image" (dict "root" $ "component" .) | quote }}
          args: [migrate, up]
          resources:
            requests:
              cpu: 50m
              memory: 64Mi
            limits:
              cpu: 500m
              memory: 256Mi
{{- end }}
{{- end }}
{{- end -}}

{{- define "platform-lib.tests" -}}
{{- range $name := keys .Values.components | sortAlpha }}
{{- $c := index $.Values.components $name }}
{{- if and $c.port (ne ($c.enabled | toString) "false") }}
---
apiVersion: v1
kind: Pod
metadata:
  name: {{ include "platform-lib.componentName" (dict "root" $ "name" $name) }}-test
  labels:
    {{- include "platform-lib.labels" (dict "root" $ "name" $name) | nindent 4 }}
  annotations:
    helm.sh/hook: test
    helm.sh/hook-delete-policy: before-hook-creation
spec:
  restartPolicy: Never
  containers:
    - name: probe
      image: {{ $.Values.global.testImage | quote }}
      command: [wget, -q, -O-]
      args:
        - http://{{ include "platform-lib.componentName" (dict "root" $ "name" $name) }}/ready
{{- end }}
{{- end }}
{{- end -}}
