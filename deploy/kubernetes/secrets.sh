#!/usr/bin/env bash
# Creates what the Stratus manifests reference and hold no value of: the services' keys, the database roles'
# passwords, KEDA's Kafka settings, the admin-token public key, the console's OpenID client secret and (optionally)
# the public Ingress's TLS certificate, with fresh random values from openssl. Run it once per cluster, before
# applying an overlay (deploy/README.md).
#
#   secrets.sh --jwt-public-key public.pem [--oidc-client-secret FILE] [--tls-cert tls.crt --tls-key tls.key]
#              [--namespace stratus] [--dry-run]
#
# --oidc-client-secret: a file holding the client secret your OpenID provider issued to the console (client id
# STRATUS_CONSOLE_OIDC_CLIENT_ID of public.env); without it the console does not start until the Secret
# stratus-console-oidc (key client-secret) exists.
#
# An object that exists already is kept as it is (rotating a key is a deliberate step: deploy/README.md). No value
# is printed, except with --dry-run, which prints the objects as YAML on standard output and creates nothing (it needs
# no cluster).
set -euo pipefail

namespace=stratus
dry_run=0
jwt_public_key=""
tls_cert=""
tls_key=""
oidc_client_secret=""
while [ $# -gt 0 ]; do
  case "$1" in
    --namespace) namespace="$2"; shift 2 ;;
    --jwt-public-key) jwt_public_key="$2"; shift 2 ;;
    --tls-cert) tls_cert="$2"; shift 2 ;;
    --tls-key) tls_key="$2"; shift 2 ;;
    --oidc-client-secret) oidc_client_secret="$2"; shift 2 ;;
    --dry-run) dry_run=1; shift ;;
    *) echo "secrets.sh: unknown argument $1 (see the head of this file)" >&2; exit 2 ;;
  esac
done
if [ -z "$jwt_public_key" ] || [ ! -r "$jwt_public_key" ]; then
  echo "secrets.sh: --jwt-public-key FILE is required: the PEM public key that verifies admin tokens" >&2
  exit 2
fi
if { [ -n "$tls_cert" ] || [ -n "$tls_key" ]; } && { [ ! -r "$tls_cert" ] || [ ! -r "$tls_key" ]; }; then
  echo "secrets.sh: --tls-cert and --tls-key go together and must be readable files" >&2
  exit 2
fi
if [ -n "$oidc_client_secret" ] && [ ! -r "$oidc_client_secret" ]; then
  echo "secrets.sh: --oidc-client-secret must be a readable file" >&2
  exit 2
fi
for tool in kubectl openssl; do
  command -v "$tool" >/dev/null || { echo "secrets.sh: $tool is needed" >&2; exit 2; }
done

# put KIND NAME YAML: prints the object (--dry-run) or creates it unless it exists.
put() {
  local kind="$1" name="$2" yaml="$3"
  if [ "$dry_run" = 1 ]; then
    printf '%s\n---\n' "$yaml"
  elif kubectl get "$kind" "$name" -n "$namespace" >/dev/null 2>&1; then
    echo "kept $kind/$name (exists)" >&2
  else
    printf '%s\n' "$yaml" | kubectl apply -n "$namespace" -f - >/dev/null
    echo "created $kind/$name" >&2
  fi
}

# a Secret's YAML, without contacting the cluster
secret() {
  kubectl create secret "$@" -n "$namespace" --dry-run=client -o yaml
}

# The services' keys: base64 of 32 random bytes each (ConfiguredKeys refuses any other length).
put secret stratus-keys "$(secret generic stratus-keys \
  --from-literal=STRATUS_CA_KEK="$(openssl rand -base64 32)" \
  --from-literal=STRATUS_ENROLLMENT_KEK="$(openssl rand -base64 32)" \
  --from-literal=STRATUS_CA_AUDIT_KEY="$(openssl rand -base64 32)" \
  --from-literal=STRATUS_PROFILE_AUDIT_KEY="$(openssl rand -base64 32)" \
  --from-literal=STRATUS_ENROLLMENT_AUDIT_KEY="$(openssl rand -base64 32)")"

# Two PostgreSQL roles per service database (postgres.yaml): the owner migrates, the application connects.
for database in ca enrollment profile; do
  for role in owner app; do
    name="stratus-db-$database-$role"
    put secret "$name" "$(secret generic "$name" --type=kubernetes.io/basic-auth \
      --from-literal=username="${database}_$role" --from-literal=password="$(openssl rand -hex 24)" \
      | kubectl label --local -f - cnpg.io/reload=true -o yaml)"
  done
done

# KEDA's Kafka scaler (autoscaling.yaml): how it signs in; the password is the one Strimzi writes for lag-reader.
put secret stratus-keda-kafka "$(secret generic stratus-keda-kafka \
  --from-literal=sasl=scram_sha512 --from-literal=tls=enable --from-literal=username=lag-reader)"

put configmap stratus-jwt-public-key "$(kubectl create configmap stratus-jwt-public-key -n "$namespace" \
  --from-file=public.pem="$jwt_public_key" --dry-run=client -o yaml)"

if [ -n "$tls_cert" ]; then
  put secret stratus-public-tls "$(secret tls stratus-public-tls --cert="$tls_cert" --key="$tls_key")"
elif [ "$dry_run" = 0 ]; then
  echo "no --tls-cert: create the Secret stratus-public-tls for the Ingress yourself (or let cert-manager do it)" >&2
fi

# The console's client secret at the organisation's OpenID provider (the console Deployment, docs/console.md): the
# file's first line, handed to kubectl as a file so that it never shows in a process list.
if [ -n "$oidc_client_secret" ]; then
  put secret stratus-console-oidc "$(secret generic stratus-console-oidc \
    --from-file=client-secret=<(head -n 1 "$oidc_client_secret" | tr -d '\r\n'))"
elif [ "$dry_run" = 0 ]; then
  echo "no --oidc-client-secret: create the Secret stratus-console-oidc (key client-secret) before the console can start" >&2
fi
