#!/bin/sh
set -eu
exec /app/server --config /etc/app --mode "$APP_MODE"
