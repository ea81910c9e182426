# Rendered by lambda-image for @lambda.platform@ (runtime: custom). One platform per file:
# no stage of another architecture can be built from it.
FROM --platform=@lambda.platform@ @lambda.baseImage@
ENV LAMBDA_TASK_ROOT=/var/task
WORKDIR /var/task
# Startup before the layers: a code change then rebuilds only the layers after it.
@lambda.entrypoint@
CMD ["@lambda.handler@"]
# The Lambda runtime interface client, which talks to the Lambda Runtime API.
@lambda.runtimeLayer@
# Dependencies next: they change rarely, so this layer stays cached when only the code changes.
COPY lib/ /var/task/lib/
# The function's own code last.
COPY app/ /var/task/
