import os
import urllib.request

import aiohttp
import httpx
import requests

OPENAI_URL = "https://api.openai.com/v1/chat/completions"
BASE = os.environ.get("DEEPINFRA_BASE", "https://api.deepinfra.com/v1/openai")
MESSAGES_URL = f"{BASE}/chat/completions"
STATUS_URL = "https://status.example.com/health"


class DeepInfra:
    def __init__(self):
        self.endpoint = "https://api.deepinfra.com/v1/inference/meta-llama"

    def infer(self, body):
        return requests.post(self.endpoint, json=body)  # expect: http-llm-endpoint


async def calls(body, headers):
    requests.post("https://api.openai.com/v1/chat/completions", json=body, headers=headers)  # expect: http-llm-endpoint
    requests.post(OPENAI_URL, json=body)  # expect: http-llm-endpoint
    requests.request("POST", MESSAGES_URL, json=body)  # expect: http-llm-endpoint
    httpx.post(url="https://api.anthropic.com/v1/messages", json=body)  # expect: http-llm-endpoint
    async with httpx.AsyncClient() as client:
        await client.post(f"{BASE}/embeddings", json=body)  # expect: http-llm-endpoint
    async with aiohttp.ClientSession() as session:
        async with session.post(  # expect: http-llm-endpoint
            "https://generativelanguage.googleapis.com/v1beta/models/gemini-2.5-flash:generateContent",
            json=body,
        ) as response:
            pass
    url = f"https://{os.environ['HOST']}/v1/messages"
    requests.post(url, json=body)  # expect: http-llm-endpoint
    with tracker.track_llm_call(provider="openai"):
        requests.post(OPENAI_URL, json=body)


def look_alikes(body, url):
    requests.post(STATUS_URL, json=body)  # look-alike: not an LLM host
    requests.post(url, json=body)  # look-alike: URL unknown in this file
    requests.get("https://api.openai.com/v1/models")  # look-alike: a GET for the model list is not a generation
    httpx.post("https://hooks.slack.com/services/x", json={"text": "api.openai.com is down"})  # look-alike: the host is in the body
    print("POST https://api.openai.com/v1/chat/completions")  # look-alike: the string, not a request
