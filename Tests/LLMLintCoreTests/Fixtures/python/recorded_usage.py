# Usage recorded right after the call: the result (or its usage) passed to a recorder later in the same block.
from openai import AsyncOpenAI

client = AsyncOpenAI()


class Service:
    async def summarize(self, text):
        resp = await client.chat.completions.create(model="gpt-4o", messages=[])
        await record_llm_usage(provider="openai", usage=resp.usage)
        return resp

    async def stored(self, text):
        self.last = await client.chat.completions.create(model="gpt-4o", messages=[])
        self.usage_tracker.record_usage(self.last)

    async def conditional(self, text):
        resp = await client.responses.create(model="gpt-4.1", input=text)
        if resp.usage:
            log_token_usage(resp.usage.input_tokens, resp.usage.output_tokens)
        return resp


async def not_recorded(text, other):
    resp = await client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    await record_llm_usage(usage=other.usage)  # another response
    first = await client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    record_llm_usage(first=None)  # a keyword named like the response is not the response
    await record_llm_usage(usage=early.usage)
    early = await client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    if text:
        branch = await client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    else:
        record_llm_usage(usage=branch.usage)  # another branch
    await client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    record_llm_usage(usage=None)
    resp2 = await client.chat.completions.create(model="m", messages=[])  # expect: openai-chat-completions
    record_llm_call_stats(resp2)  # not a recorder name
    return resp, first, early, branch, resp2


def later(text):
    resp = client.embeddings.create(model="m", input=text)  # expect: openai-embeddings
    return resp


def elsewhere(resp):
    record_llm_usage(usage=resp.usage)  # another function
