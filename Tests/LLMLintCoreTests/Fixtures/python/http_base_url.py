import json

import httpx
import requests

from app.settings import settings

PAYLOAD = {"model": "text-embedding-3-small", "input": ["hello"]}


class Gateway:
    def __init__(self, base_url):
        self.base_url = base_url
        self.client = httpx.AsyncClient(base_url=settings.llm_base_url)

    async def embed(self, texts):
        # An OpenAI-compatible endpoint under a configured base URL, with a body that names a model.
        return await self.client.post(f"{self.base_url}/embeddings", json={"model": "m", "input": texts})  # expect: http-llm-endpoint

    async def chat(self, messages):
        return await self.client.post("/chat/completions", json={"model": "m", "messages": messages})  # expect: http-llm-endpoint

    async def respond(self, prompt):
        body = {"model": settings.model, "input": prompt}
        return await self.client.post("/v2/responses?stream=false", json=body)  # expect: http-llm-endpoint

    def rerank(self, query, docs):
        return requests.post(self.base_url + "/rerank", data=json.dumps({"model": "r", "query": query}))  # expect: http-llm-endpoint

    def embed_constant(self):
        return requests.post(f"{self.base_url}/embeddings", json=PAYLOAD)  # expect: http-llm-endpoint

    def embed_dict(self, texts):
        return requests.post(f"{self.base_url}/embeddings", json=dict(model="m", input=texts))  # expect: http-llm-endpoint

    async def lookalikes(self, user, texts):
        # Not an LLM path, whatever the body says.
        await self.client.post(f"{self.base_url}/users", json={"model": "m", "name": user})
        await self.client.post("/models/sync", json={"model": "m"})
        # An LLM-looking path in the middle of the URL, or a path without a model in the body.
        await self.client.post(f"{self.base_url}/embeddings/{user}/delete", json={"model": "m"})
        await self.client.post(f"{self.base_url}/embeddings", json={"vectors": texts})
        await self.client.post("/messages", json={"to": user, "text": "hi"})
        await self.client.post("/messages", json={"meta": {"model": "m"}})
        # A model key that is not the body's, and a query string that only mentions the path.
        await self.client.post("/embeddings", params={"model": "m"})
        await self.client.post(f"{self.base_url}/search?next=/embeddings", json={"model": "m"})
        # Tracked: no finding.
        with settings.tracker.track_llm_call(provider="gateway"):
            await self.client.post("/embeddings", json={"model": "m", "input": texts})
