# A provider module reached through the project (a lazy proxy or a re-export) is that provider.
from app.llm import litellm
from app.clients import openai as oai
from . import ollama


async def calls(messages):
    litellm.completion(model="gpt-4o", messages=messages)  # expect: litellm-completion
    await litellm.acompletion(model="gpt-4o", messages=messages)  # expect: litellm-completion
    oai.ChatCompletion.create(model="gpt-3.5-turbo", messages=messages)  # expect: openai-legacy-v0
    ollama.chat(model="llama3", messages=messages)  # expect: ollama-calls
    with tracker.track_llm_call(provider="litellm"):
        litellm.completion(model="m", messages=messages)


def look_alikes(messages):
    from app.compat import openai_utils, litellm_client

    openai_utils.ChatCompletion.create(messages=messages)  # look-alike: not a provider module's name
    litellm_client.completion_cost(messages)  # look-alike: not a call pattern
