#!/bin/sh
# Called once per rollout step by the pipeline, with:
#   OPSDECK_ENVIRONMENT    target environment (one overlay in kubernetes/overlays/)
#   OPSDECK_VERSION        version to deploy (the commit SHA, also the image tag)
#   OPSDECK_STRATEGY       rolling, blue-green or canary
#   OPSDECK_DEPLOY_STEP    0-based step of the rollout
#   OPSDECK_TRAFFIC_WEIGHT share of traffic (0-100) the new version gets at this step
# Argo Rollouts moves canary and blue-green traffic itself once the image changes,
# so only the first step applies the overlay.
set -eu
overlay="kubernetes/overlays/$OPSDECK_ENVIRONMENT"
echo "Deploy $OPSDECK_VERSION to $OPSDECK_ENVIRONMENT: step $OPSDECK_DEPLOY_STEP, $OPSDECK_TRAFFIC_WEIGHT% of traffic ($OPSDECK_STRATEGY)"
if [ "$OPSDECK_DEPLOY_STEP" = "0" ]; then
  kubectl kustomize "$overlay" | sed "s|:0\.1\.0$|:$OPSDECK_VERSION|" | kubectl apply -f -
fi
