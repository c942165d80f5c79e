{{/*
Shared named templates. Every per-service resource is rendered by ranging over .Values.services and including one
of these with a context made by "chatbot-saas.context": dict of root (the chart's top context), name (the service)
and svc (its values block). No template is written per service.
*/}}

{{- define "chatbot-saas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chatbot-saas.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* Name of a service's resources (Deployment, Service, ConfigMap, ...). Context: root, name. */}}
{{- define "chatbot-saas.serviceFullname" -}}
{{- printf "%s-%s" (include "chatbot-saas.fullname" .root) .name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "chatbot-saas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "chatbot-saas.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .name }}
{{- end }}

{{- define "chatbot-saas.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "chatbot-saas.selectorLabels" . }}
app.kubernetes.io/part-of: chatbot-saas
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* Labels of the chart's resources that belong to no one service. Context: the chart's top context. */}}
{{- define "chatbot-saas.chartLabels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
app.kubernetes.io/name: {{ include "chatbot-saas.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/part-of: chatbot-saas
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{- define "chatbot-saas.image" -}}
{{- $image := .svc.image | default dict }}
{{- $registry := $image.registry | default .root.Values.image.registry }}
{{- $tag := $image.tag | default .root.Values.image.tag | default .root.Chart.AppVersion }}
{{- printf "%s/%s:%s" $registry ($image.repository | default .name) $tag }}
{{- end }}

{{/* The environment variable naming a service's URL, e.g. USER_ORG_SERVICE_URL. */}}
{{- define "chatbot-saas.urlVariable" -}}
{{- printf "%s_URL" (. | replace "-" "_" | upper) }}
{{- end }}

{{- define "chatbot-saas.sharedSecretName" -}}
{{- .Values.secrets.existingSecret | default (printf "%s-shared" (include "chatbot-saas.fullname" .)) }}
{{- end }}

{{- define "chatbot-saas.serviceSecretName" -}}
{{- .svc.secrets.existingSecret | default (include "chatbot-saas.serviceFullname" .) }}
{{- end }}

{{/* Plain settings of one service (its ConfigMap). */}}
{{- define "chatbot-saas.serviceConfig" -}}
SERVER_PORT: {{ .svc.port | quote }}
OTEL_SERVICE_NAME: {{ .name | quote }}
{{- if .svc.database }}
DB_USERNAME: {{ .svc.dbUsername | quote }}
{{- end }}
{{- range $key, $value := .svc.env }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{/* Settings every service gets: where the infrastructure and the other services are, logs, tracing. */}}
{{- define "chatbot-saas.commonConfig" -}}
{{- $infra := .Values.infrastructure }}
{{- $pg := $infra.postgresql }}
DB_URL: {{ printf "jdbc:postgresql://%s:%v/%s%s" $pg.host $pg.port $pg.database (ternary (printf "?%s" $pg.parameters) "" (ne $pg.parameters "")) | quote }}
RABBITMQ_HOST: {{ $infra.rabbitmq.host | quote }}
RABBITMQ_PORT: {{ $infra.rabbitmq.port | quote }}
RABBITMQ_VHOST: {{ $infra.rabbitmq.vhost | quote }}
REDIS_HOST: {{ $infra.redis.host | quote }}
REDIS_PORT: {{ $infra.redis.port | quote }}
REDIS_USERNAME: {{ $infra.redis.username | default "" | quote }}
KEYCLOAK_URL: {{ $infra.keycloak.url | quote }}
KEYCLOAK_REALM: {{ $infra.keycloak.realm | quote }}
PUBLIC_BASE_URL: {{ include "chatbot-saas.publicBaseUrl" . | quote }}
{{- range $name, $svc := .Values.services }}
{{- if and $svc.enabled (ne $name "gateway") }}
{{ include "chatbot-saas.urlVariable" $name }}: {{ printf "http://%s:%v" (include "chatbot-saas.serviceFullname" (dict "root" $ "name" $name)) $svc.port | quote }}
{{- end }}
{{- end }}
AOT_CACHE: {{ ternary .Values.aotCache.path "" .Values.aotCache.enabled | quote }}
SPRING_AOT: {{ .Values.springAot.enabled | quote }}
OTEL_JAVAAGENT_ENABLED: {{ .Values.tracing.enabled | quote }}
OTEL_EXPORTER_OTLP_ENDPOINT: {{ .Values.tracing.endpoint | quote }}
OTEL_EXPORTER_OTLP_PROTOCOL: {{ .Values.tracing.protocol | quote }}
OTEL_TRACES_SAMPLER: {{ .Values.tracing.sampler | quote }}
OTEL_TRACES_SAMPLER_ARG: {{ .Values.tracing.samplerArg | quote }}
OTEL_METRICS_EXPORTER: "none"
OTEL_LOGS_EXPORTER: "none"
{{- range $key, $value := .Values.commonEnv }}
{{ $key }}: {{ $value | quote }}
{{- end }}
{{- end }}

{{- define "chatbot-saas.deployment" -}}
{{- $values := .root.Values }}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
spec:
  {{- if not .svc.autoscaling.enabled }}
  replicas: {{ .svc.replicas }}
  {{- end }}
  revisionHistoryLimit: 5
  minReadySeconds: {{ $values.rollout.minReadySeconds }}
  progressDeadlineSeconds: {{ $values.rollout.progressDeadlineSeconds }}
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: {{ $values.rollout.maxSurge }}
      maxUnavailable: {{ $values.rollout.maxUnavailable }}
  selector:
    matchLabels:
      {{- include "chatbot-saas.selectorLabels" . | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "chatbot-saas.labels" . | nindent 8 }}
      annotations:
        checksum/config: {{ printf "%s%s" (include "chatbot-saas.commonConfig" .root) (include "chatbot-saas.serviceConfig" .) | sha256sum }}
        checksum/secrets: {{ printf "%s%s" (toJson $values.secrets) (toJson .svc.secrets) | sha256sum }}
    spec:
      automountServiceAccountToken: false
      enableServiceLinks: false
      terminationGracePeriodSeconds: {{ $values.rollout.terminationGracePeriodSeconds }}
      {{- with $values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $values.podSecurityContext | nindent 8 }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "chatbot-saas.selectorLabels" . | nindent 14 }}
      containers:
        - name: {{ .name }}
          image: {{ include "chatbot-saas.image" . | quote }}
          imagePullPolicy: {{ $values.image.pullPolicy }}
          ports:
            - name: http
              containerPort: {{ .svc.port }}
              protocol: TCP
          envFrom:
            - configMapRef:
                name: {{ include "chatbot-saas.fullname" .root }}-common
            - configMapRef:
                name: {{ include "chatbot-saas.serviceFullname" . }}
            - secretRef:
                name: {{ include "chatbot-saas.sharedSecretName" .root }}
            - secretRef:
                name: {{ include "chatbot-saas.serviceSecretName" . }}
          startupProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $values.probes.startup.periodSeconds }}
            failureThreshold: {{ $values.probes.startup.failureThreshold }}
          livenessProbe:
            httpGet:
              path: /actuator/health/liveness
              port: http
            periodSeconds: {{ $values.probes.liveness.periodSeconds }}
            timeoutSeconds: {{ $values.probes.liveness.timeoutSeconds }}
            failureThreshold: {{ $values.probes.liveness.failureThreshold }}
          readinessProbe:
            httpGet:
              path: /actuator/health/readiness
              port: http
            periodSeconds: {{ $values.probes.readiness.periodSeconds }}
            timeoutSeconds: {{ $values.probes.readiness.timeoutSeconds }}
            failureThreshold: {{ $values.probes.readiness.failureThreshold }}
          lifecycle:
            # Endpoints drop the pod before the JVM starts its graceful shutdown.
            preStop:
              sleep:
                seconds: {{ $values.rollout.preStopSleepSeconds }}
          resources:
            {{- toYaml .svc.resources | nindent 12 }}
          securityContext:
            {{- toYaml $values.containerSecurityContext | nindent 12 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir:
            sizeLimit: {{ $values.tmpVolume.sizeLimit }}
{{- end }}

{{- define "chatbot-saas.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
spec:
  type: ClusterIP
  selector:
    {{- include "chatbot-saas.selectorLabels" . | nindent 4 }}
  ports:
    - name: http
      port: {{ .svc.port }}
      targetPort: http
      protocol: TCP
{{- end }}

{{- define "chatbot-saas.hpa" -}}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "chatbot-saas.serviceFullname" . }}
  minReplicas: {{ .svc.autoscaling.minReplicas }}
  maxReplicas: {{ .svc.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .svc.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}

{{- define "chatbot-saas.pdb" -}}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
spec:
  minAvailable: {{ .svc.pdb.minAvailable }}
  selector:
    matchLabels:
      {{- include "chatbot-saas.selectorLabels" . | nindent 6 }}
{{- end }}

{{- define "chatbot-saas.configMap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
data:
  {{- include "chatbot-saas.serviceConfig" . | nindent 2 }}
{{- end }}

{{- define "chatbot-saas.secret" -}}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
type: Opaque
stringData:
  {{- range $key, $value := .svc.secrets.values }}
  {{- if $value }}
  {{ $key }}: {{ $value | quote }}
  {{- else if not (has $key $.root.Values.secrets.optional) }}
  {{- fail (printf "services.%s.secrets.values.%s is required, or services.%s.secrets.existingSecret naming a Secret that holds it: the chart has no default secrets" $.name $key $.name) }}
  {{- end }}
  {{- end }}
{{- end }}

{{/* Who may call a service, whom it may call, and which infrastructure it reaches (by port). */}}
{{- define "chatbot-saas.networkPolicy" -}}
{{- $ctx := . }}
{{- $values := .root.Values }}
{{- $infra := $values.infrastructure }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "chatbot-saas.serviceFullname" . }}
  labels:
    {{- include "chatbot-saas.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "chatbot-saas.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    {{- if eq .name "gateway" }}
    - ports:
        - port: http
      {{- with $values.networkPolicy.gatewayFrom }}
      from:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- else }}
    {{- $callers := list }}
    {{- range $caller, $callerSvc := $values.services }}
    {{- if and $callerSvc.enabled (has $ctx.name $callerSvc.calls) }}
    {{- $callers = append $callers $caller }}
    {{- end }}
    {{- end }}
    {{- if $callers }}
    - ports:
        - port: http
      from:
        {{- range $callers }}
        - podSelector:
            matchLabels:
              {{- include "chatbot-saas.selectorLabels" (dict "root" $ctx.root "name" .) | nindent 14 }}
        {{- end }}
    {{- end }}
    {{- end }}
    {{- with $values.networkPolicy.metricsFrom }}
    - ports:
        - port: http
      from:
        {{- toYaml . | nindent 8 }}
    {{- end }}
  egress:
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
      to:
        {{- toYaml $values.networkPolicy.dnsPeers | nindent 8 }}
    {{- range $callee := .svc.calls }}
    {{- $calleeSvc := index $values.services $callee }}
    {{- if and $calleeSvc $calleeSvc.enabled }}
    - ports:
        - port: {{ $calleeSvc.port }}
          protocol: TCP
      to:
        - podSelector:
            matchLabels:
              {{- include "chatbot-saas.selectorLabels" (dict "root" $ctx.root "name" $callee) | nindent 14 }}
    {{- end }}
    {{- end }}
    {{- range $dependency := .svc.uses }}
    - ports:
        - port: {{ (index $infra $dependency).port }}
          protocol: TCP
      {{- with $values.networkPolicy.infrastructurePeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- if $values.tracing.enabled }}
    - ports:
        - port: {{ $values.tracing.port | default 4318 }}
          protocol: TCP
      {{- with $values.networkPolicy.infrastructurePeers }}
      to:
        {{- toYaml . | nindent 8 }}
      {{- end }}
    {{- end }}
    {{- if .svc.internetEgress }}
    # Public addresses only (the service's SSRF guard checks URLs too).
    - ports:
        - port: 80
          protocol: TCP
        - port: 443
          protocol: TCP
        - port: 465
          protocol: TCP
        - port: 587
          protocol: TCP
      to:
        - ipBlock:
            cidr: 0.0.0.0/0
            except:
              - 10.0.0.0/8
              - 172.16.0.0/12
              - 192.168.0.0/16
              - 169.254.0.0/16
              - 100.64.0.0/10
    {{- end }}
{{- end }}

{{/* The gateway's public URL: publicBaseUrl, else the ingress host (https when the ingress has TLS). */}}
{{- define "chatbot-saas.publicBaseUrl" -}}
{{- if .Values.publicBaseUrl -}}
{{- .Values.publicBaseUrl -}}
{{- else -}}
{{- printf "%s://%s" (ternary "https" "http" (gt (len (.Values.ingress.tls | default list)) 0)) .Values.ingress.host -}}
{{- end -}}
{{- end }}
