#!/bin/sh
# Creates the application bucket in MinIO if it is missing (safe to run again).
# Run by the `minio-init` service of docker-compose.yml with the minio/mc image.
set -eu
: "${MINIO_BUCKET:?MINIO_BUCKET must be set}"

attempt=0
until mc alias set local http://minio:9000 "$MINIO_ACCESS_KEY" "$MINIO_SECRET_KEY" >/dev/null; do
  attempt=$((attempt + 1))
  if [ "$attempt" -ge 30 ]; then
    echo "minio-init: MinIO at http://minio:9000 did not accept the credentials" >&2
    exit 1
  fi
  sleep 1
done

mc mb --ignore-existing "local/$MINIO_BUCKET"
echo "minio-init: bucket $MINIO_BUCKET is ready"
