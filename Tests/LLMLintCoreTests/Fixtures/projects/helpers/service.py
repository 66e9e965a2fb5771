import asyncio

from openai import OpenAI

LLM_TRACKING_AVAILABLE = True


class Summarizer:
    def __init__(self, tracker):
        self.tracker = tracker
        self.client = OpenAI()

    async def summarize(self, text):
        if LLM_TRACKING_AVAILABLE:
            async with self.tracker.track_llm_call(provider="openai", model="gpt-4o") as usage:
                return await self._generate(text)
        else:
            # Cannot run: LLM_TRACKING_AVAILABLE is a constant True.
            return await self._generate(text)

    async def _generate(self, text):
        # Every caller is tracked, so this helper and the function nested in it are too.
        loop = asyncio.get_running_loop()

        def _call():
            return self.client.chat.completions.create(model="gpt-4o", messages=[])

        return await loop.run_in_executor(None, _call)

    async def classify(self, text):
        async with self.tracker.track_llm_call(provider="openai", model="m"):
            return await self._classify(text)

    async def _classify(self, text):
        # Also called, untracked, from jobs.py: the finding names that caller.
        return self.client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions

    def _blocking(self, text):
        return self.client.responses.create(model="m", input=text)

    async def threaded(self, text):
        with self.tracker.track_llm_call(provider="openai"):
            return await asyncio.to_thread(self._blocking, text)

    async def retrying(self, text, attempts=3):
        try:
            return self.client.chat.completions.create(model="m", messages=[])
        except Exception:
            if attempts:
                return await self.retrying(text, attempts - 1)
            raise

    async def run_retrying(self, text):
        async with self.tracker.track_llm_call(provider="openai"):
            return await self.retrying(text)

    def never_called(self):
        return self.client.embeddings.create(model="m", input="x")  # expect: openai-embeddings
