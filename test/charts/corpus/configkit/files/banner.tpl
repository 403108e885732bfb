{{ .Chart.Name }} {{ .Chart.AppVersion }} for {{ .Values.tenant | upper }}
mode: {{ .Values.mode }}
