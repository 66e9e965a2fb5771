import json

import boto3

runtime = boto3.client("bedrock-runtime", region_name="us-east-1")


def calls(body):
    runtime.invoke_model(modelId="anthropic.claude-3", body=json.dumps(body))  # expect: bedrock-invoke-model
    runtime.invoke_model_with_response_stream(modelId="m", body="{}")  # expect: bedrock-invoke-model
    runtime.converse(modelId="m", messages=[])  # expect: bedrock-converse
    runtime.converse_stream(modelId="m", messages=[])  # expect: bedrock-converse
    runtime.apply_guardrail(guardrailIdentifier="g", content=[])
