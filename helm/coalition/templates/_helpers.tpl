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
{{- define "coalition.pgCluster" -}}{{ include "coalition.fullname" . }}-db{{- end -}}
{{- define "coalition.keycloakDb" -}}{{ include "coalition.fullname" . }}-keycloak-db{{- end -}}
{{/* The app's JDBC URL: as given, or the CloudNativePG Cluster's read-write service (its Pooler when enabled). */}}
{{- define "coalition.dbUrl" -}}
{{- if eq .Values.database.mode "cloudnativepg" -}}
{{- $host := ternary (printf "%s-pooler-rw" (include "coalition.pgCluster" .)) (printf "%s-rw" (include "coalition.pgCluster" .)) .Values.database.cloudnativepg.pooler.enabled -}}
jdbc:postgresql://{{ $host }}:5432/coalition
{{- else -}}
{{ .Values.database.url }}
{{- end -}}
{{- end -}}
{{/* Reads that may lag: the replica cluster (or else the Cluster's read-only service, its standbys), or replicaUrl as given. */}}
{{- define "coalition.dbReplicaUrl" -}}
{{- if and (eq .Values.database.mode "cloudnativepg") .Values.database.cloudnativepg.readReplica.enabled -}}
jdbc:postgresql://{{ include "coalition.pgCluster" . }}-reads-r:5432/coalition
{{- else if eq .Values.database.mode "cloudnativepg" -}}
jdbc:postgresql://{{ include "coalition.pgCluster" . }}-ro:5432/coalition
{{- else -}}
{{ .Values.database.replicaUrl }}
{{- end -}}
{{- end -}}
