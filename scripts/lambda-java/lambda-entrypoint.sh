#!/bin/sh
# Entrypoint of the test environment's official-shaped Lambda Java base image (made by
# scripts/env-up.sh). As in the AWS Lambda base images: the handler is the single argument, it
# becomes _HANDLER, and the runtime's bootstrap takes over the process.
if [ "$#" -ne 1 ]; then
  echo "lambda-entrypoint.sh: expected exactly one argument, the handler (e.g. CMD [\"example.Handler::handleRequest\"]); got $#" >&2
  exit 142
fi
export _HANDLER="$1"
if [ -z "${AWS_LAMBDA_RUNTIME_API:-}" ]; then
  # The AWS images start their runtime interface emulator here; this test image has none.
  echo "lambda-entrypoint.sh: AWS_LAMBDA_RUNTIME_API is not set and this image has no runtime interface emulator; run it with lambda-image:invoke" >&2
  exit 142
fi
exec "${LAMBDA_RUNTIME_DIR:-/var/runtime}/bootstrap"
