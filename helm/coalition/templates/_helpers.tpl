{{- define "coalition.name" -}}{{ .Chart.Name }}{{- end -}}
{{- define "coalition.fullname" -}}{{ printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "coalition.labels" -}}
app.kubernetes.io/name: {{ include "coalition.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}
{{- define "coalition.selectorLabels" -}}
app.kubernetes.io/name: {{ include "coalition.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}
{{- define "coalition.secretName" -}}{{ default (include "coalition.fullname" .) .Values.secrets.existingSecret }}{{- end -}}
