{{/*
Everything one component of a service needs: ServiceAccount, ConfigMap, Deployment, and when
it listens a Service; HorizontalPodAutoscaler, PodDisruptionBudget and NetworkPolicy as its
values ask. Call with (dict "root" $ "name" "api" "component" .Values.components.api).
*/}}
{{- define "platform-lib.component" -}}
{{- $c := .component -}}
{{- $name := include "platform-lib.componentName" . -}}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" . | nindent 4 }}
automountServiceAccountToken: false
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" . | nindent 4 }}
data:
  COMPONENT: {{ .name | quote }}
  LOG_LEVEL: {{ $c.logLevel | default .root.Values.global.logLevel | quote }}
  {{- range $k, $v := $c.env }}
  {{ $k }}: {{ $v | quote }}
  {{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  {{- if not $c.autoscaling }}
  replicas: {{ $c.replicas | default 2 }}
  {{- end }}
  revisionHistoryLimit: 5
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels:
      {{- include "platform-lib.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "platform-lib.selectorLabels" . | nindent 8 }}
      annotations:
        checksum/config: {{ toJson $c.env | sha256sum | trunc 16 | quote }}
    spec:
      serviceAccountName: {{ $name }}
      {{- with .root.Values.global.priorityClass }}
      priorityClassName: {{ printf "%s-%s" $.root.Release.Name . }}
      {{- end }}
      securityContext:
        runAsNonRoot: true
        runAsUser: 10001
        seccompProfile:
          type: RuntimeDefault
      terminationGracePeriodSeconds: {{ $c.terminationGracePeriodSeconds | default 30 }}
      containers:
        - name: {{ .name }}
          image: {{ include "platform-lib.image" . | quote }}
          imagePullPolicy: IfNotPresent
          {{- with $c.args }}
          args:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          envFrom:
            - configMapRef:
                name: {{ $name }}
          {{- if $c.port }}
          ports:
            - name: http
              containerPort: {{ $c.port }}
              protocol: TCP
          readinessProbe:
            httpGet:
              path: /ready
              port: http
            periodSeconds: 5
          livenessProbe:
            httpGet:
              path: /health
              port: http
            periodSeconds: 10
            failureThreshold: 6
          {{- else }}
          readinessProbe:
            exec:
              command: [/bin/worker, healthcheck]
            periodSeconds: 10
          {{- end }}
          resources:
            {{- toYaml $c.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities:
              drop: [ALL]
{{- if $c.port }}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "platform-lib.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: 80
      targetPort: http
      protocol: TCP
{{- end }}
{{- with $c.autoscaling }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" $ | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ $name }}
  minReplicas: {{ .min }}
  maxReplicas: {{ .max }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .cpu | default 70 }}
{{- end }}
{{- if ne ($c.disruptionBudget | toString) "false" }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "platform-lib.selectorLabels" . | nindent 6 }}
{{- end }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ $name }}
  labels:
    {{- include "platform-lib.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "platform-lib.selectorLabels" . | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    {{- if $c.port }}
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/part-of: platform
      ports:
        - port: http
          protocol: TCP
    {{- else }}
    []
    {{- end }}
{{- end -}}

{{/* All components of a service chart, in a stable order. */}}
{{- define "platform-lib.components" -}}
{{- range $name := keys .Values.components | sortAlpha }}
{{- $c := index $.Values.components $name }}
{{- if ne ($c.enabled | toString) "false" }}
---
{{ include "platform-lib.component" (dict "root" $ "name" $name "component" $c) }}
{{- end }}
{{- end }}
{{- end -}}
