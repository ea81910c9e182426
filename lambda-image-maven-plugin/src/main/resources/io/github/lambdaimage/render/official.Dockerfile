# Rendered by lambda-image for @lambda.platform@ (runtime: official). One platform per file:
# no stage of another architecture can be built from it.
FROM --platform=@lambda.platform@ @lambda.baseImage@
# Startup before the layers: a code change then rebuilds only the layers after it.
CMD ["@lambda.handler@"]
# Dependencies first: they change rarely, so this layer stays cached when only the code changes.
COPY lib/ /var/task/lib/
# The function's own code last.
COPY app/ /var/task/
