#!/bin/sh
# Called once per rollout step by the pipeline, with:
#   OPSDECK_ENVIRONMENT   target environment (staging, production, ...)
#   OPSDECK_VERSION       version to deploy (the commit SHA, also the image tag)
#   OPSDECK_STRATEGY      rolling, blue-green or canary
#   OPSDECK_DEPLOY_STEP   0-based step of the rollout
#   OPSDECK_TRAFFIC_WEIGHT share of traffic (0-100) the new version gets at this step
set -eu
echo "Deploy $OPSDECK_VERSION to $OPSDECK_ENVIRONMENT: step $OPSDECK_DEPLOY_STEP, $OPSDECK_TRAFFIC_WEIGHT% of traffic ($OPSDECK_STRATEGY)"
# Replace with your platform's deploy command, e.g. kubectl, helm or an Argo Rollouts promotion.
